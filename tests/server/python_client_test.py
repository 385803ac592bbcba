#!/usr/bin/python3
"""A client in another language: Python (Debian's python3-grpcio) against the
real `dossier serve`, with code generated from proto/ by protoc and
grpc_python_plugin. Checks the health service and server reflection, loads a
letter (ImportDocument, or the same facts through UpsertNodes/UpsertEdges
while the server has no importer) and asks a relationship question.

Usage: python_client_test.py DOSSIER_BINARY GENERATED_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

DOSSIER = sys.argv[1]
sys.path.insert(0, sys.argv[2])
del sys.argv[1:3]

import grpc  # noqa: E402
from dossier.v1 import graph_service_pb2 as pb  # noqa: E402
from dossier.v1 import graph_service_pb2_grpc as pb_grpc  # noqa: E402
from dossier.v1 import resources_pb2 as res  # noqa: E402
import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402
import reflection_pb2  # noqa: E402
import reflection_pb2_grpc  # noqa: E402

LETTER = (b"From: Helmut Scholz, Member of the Bundestag\n"
          b"To: President Kassym-Jomart Tokayev\n"
          b"Re: the death in custody of Dulat Agadil\n")


class PythonClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="dossier-py-")
        cls.log = open(os.path.join(cls.dir, "server.log"), "w")
        cls.proc = subprocess.Popen(
            [DOSSIER, "serve", "--db", os.path.join(cls.dir, "db"), "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=cls.log, text=True)
        line = cls.proc.stdout.readline()
        assert line.startswith("listening on "), line
        cls.address = line.split()[-1]
        cls.channel = grpc.insecure_channel(cls.address)
        cls.stub = pb_grpc.GraphServiceStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.proc.terminate()
        assert cls.proc.wait(timeout=20) == 0
        cls.log.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_health(self):
        health = health_pb2_grpc.HealthStub(self.channel)
        for service in ("", "dossier.v1.GraphService"):
            reply = health.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
            self.assertEqual(reply.status, health_pb2.HealthCheckResponse.SERVING)

    def test_reflection(self):
        reflection = reflection_pb2_grpc.ServerReflectionStub(self.channel)
        requests = [reflection_pb2.ServerReflectionRequest(list_services=""),
                    reflection_pb2.ServerReflectionRequest(
                        file_containing_symbol="dossier.v1.GraphService")]
        replies = list(reflection.ServerReflectionInfo(iter(requests), timeout=5))
        services = {s.name for s in replies[0].list_services_response.service}
        self.assertIn("dossier.v1.GraphService", services)
        self.assertIn("grpc.health.v1.Health", services)
        self.assertGreater(len(replies[1].file_descriptor_response.file_descriptor_proto), 0)

    def load_letter(self):
        """Imports the letter; while the server has no importer, writes the
        same facts through the mutation RPCs. Returns (scholz, agadil) ids."""
        try:
            reply = self.stub.ImportDocument(
                pb.ImportDocumentRequest(content=LETTER, file_name="scholz-2022.txt"), timeout=10)
            self.assertNotEqual(reply.letter_id, 0)
        except grpc.RpcError as error:
            self.assertEqual(error.code(), grpc.StatusCode.UNIMPLEMENTED)
            self.assertIn("importer", error.details())
            nodes = self.stub.UpsertNodes(pb.UpsertNodesRequest(nodes=[
                res.Node(type="Person", key="helmut-scholz", name="Helmut Scholz"),
                res.Node(type="Person", key="kassym-jomart-tokayev", name="Kassym-Jomart Tokayev"),
                res.Node(type="Person", key="dulat-agadil", name="Dulat Agadil"),
                res.Node(type="Letter", key="scholz-2022.txt", name="scholz-2022.txt"),
            ]), timeout=10).nodes
            ids = {n.key: n.id for n in nodes}
            letter = ids["scholz-2022.txt"]

            def edge(src, kind, dst, text):
                return res.Edge(source_id=src, type=kind, target_id=dst, evidence=[
                    res.Evidence(document_id=letter, start_offset=0, end_offset=len(text),
                                 text=text, rule="python-test")])
            batches = [pb.UpsertEdgesRequest(edges=[
                edge(ids["helmut-scholz"], "signed", letter, "From: Helmut Scholz"),
                edge(letter, "addressed_to", ids["kassym-jomart-tokayev"], "To: President Tokayev")]),
                pb.UpsertEdgesRequest(edges=[
                    edge(letter, "mentions", ids["dulat-agadil"], "death in custody of Dulat Agadil")])]
            totals = self.stub.UpsertEdges(iter(batches), timeout=10)
            self.assertEqual(totals.edges_upserted, 3)
            self.assertEqual(totals.batches_committed, 2)
        scholz = self.stub.GetNode(pb.GetNodeRequest(name="Helmut Scholz"), timeout=5).node
        agadil = self.stub.GetNode(pb.GetNodeRequest(name="Dulat Agadil"), timeout=5).node
        return scholz.id, agadil.id

    def test_relationship_question(self):
        scholz, agadil = self.load_letter()
        # Who wrote about Dulat Agadil, and through which letter?
        reply = self.stub.ShortestPath(pb.ShortestPathRequest(
            from_id=scholz, to_id=agadil, include_nodes=True, include_evidence=True), timeout=10)
        self.assertEqual(reply.length, 2)
        self.assertGreater(reply.read_sequence, 0)
        path = reply.paths[0]
        self.assertEqual([e.type for e in path.edges], ["signed", "mentions"])
        self.assertTrue(path.edges[1].evidence[0].text)
        names = {n.id: n.name for n in reply.nodes}
        self.assertEqual(names[path.node_ids[0]], "Helmut Scholz")

        hits = []
        for message in self.stub.Traverse(pb.TraverseRequest(seed_ids=[agadil], max_depth=2,
                                                             batch_size=1), timeout=10):
            hits.extend(message.hits)
            last = message
        self.assertTrue(last.done)
        self.assertFalse(last.summary.truncated)
        self.assertIn(scholz, {h.node_id for h in hits})

    def test_errors(self):
        with self.assertRaises(grpc.RpcError) as caught:
            self.stub.GetNode(pb.GetNodeRequest(id=0), timeout=5)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        with self.assertRaises(grpc.RpcError) as caught:
            self.stub.ListNeighbors(pb.ListNeighborsRequest(node_id=424242), timeout=5)
        self.assertEqual(caught.exception.code(), grpc.StatusCode.NOT_FOUND)


if __name__ == "__main__":
    unittest.main(verbosity=2)
