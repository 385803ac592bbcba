#!/usr/bin/python3
"""A client in another language: Python (Debian's python3-grpcio) against the
real `dossier serve`, with code generated from proto/ by protoc and
grpc_python_plugin. Checks the health service and server reflection, imports
a letter through ImportDocument and asks a relationship question.

Usage: python_client_test.py DOSSIER_BINARY GENERATED_DIR LETTER_FILE
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

DOSSIER = sys.argv[1]
sys.path.insert(0, sys.argv[2])
with open(sys.argv[3], "rb") as letter_file:
    LETTER = letter_file.read()
del sys.argv[1:4]

import grpc  # noqa: E402
from dossier.v1 import graph_service_pb2 as pb  # noqa: E402
from dossier.v1 import graph_service_pb2_grpc as pb_grpc  # noqa: E402
from dossier.v1 import resources_pb2 as res  # noqa: E402
import health_pb2  # noqa: E402
import health_pb2_grpc  # noqa: E402
import reflection_pb2  # noqa: E402
import reflection_pb2_grpc  # noqa: E402


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
        """Imports the seed letter; returns the ids of Helmut Scholz and Dulat Agadil."""
        reply = self.stub.ImportDocument(
            pb.ImportDocumentRequest(content=LETTER, file_name="ep-kazakhstan-2020-10-16.txt"),
            timeout=30)
        self.assertNotEqual(reply.letter_id, 0)
        self.assertGreater(reply.edges_created, 100)
        scholz = self.stub.GetNode(pb.GetNodeRequest(name="Helmut Scholz"), timeout=5).node
        agadil = self.stub.GetNode(pb.GetNodeRequest(name="Dulat Agadil"), timeout=5).node
        return scholz.id, agadil.id

    def test_relationship_question(self):
        scholz, agadil = self.load_letter()
        # Which letter ties Helmut Scholz to Dulat Agadil? Edges in either direction.
        reply = self.stub.ShortestPath(pb.ShortestPathRequest(
            from_id=scholz, to_id=agadil, direction=res.DIRECTION_BOTH, include_nodes=True,
            include_evidence=True, edge_types=["signed", "mentioned-in"]), timeout=10)
        self.assertEqual(reply.length, 2)
        self.assertGreater(reply.read_sequence, 0)
        path = reply.paths[0]
        self.assertEqual([e.type for e in path.edges], ["signed", "mentioned-in"])
        self.assertIn("Dulat Agadil", path.edges[1].evidence[0].text)
        names = {n.id: n.name for n in reply.nodes}
        self.assertEqual(names[path.node_ids[0]], "Helmut Scholz")

        # Who persecuted him, by the letter's own words?
        neighbors = self.stub.ListNeighbors(pb.ListNeighborsRequest(
            node_id=agadil, direction=res.DIRECTION_OUTGOING, edge_types=["persecuted-by"],
            include_nodes=True), timeout=10)
        self.assertTrue(any("Kazakhstan" in n.node.name for n in neighbors.neighbors))

        hits = []
        for message in self.stub.Traverse(pb.TraverseRequest(seed_ids=[agadil], max_depth=2,
                                                             batch_size=1), timeout=10):
            hits.extend(message.hits)
            last = message
        self.assertTrue(last.done)
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
