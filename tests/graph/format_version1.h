// A database as on-disk format version 1 left it, made from a current one, for the upgrade tests.
#ifndef DOSSIER_TESTS_GRAPH_FORMAT_VERSION1_H_
#define DOSSIER_TESTS_GRAPH_FORMAT_VERSION1_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "graph/document_lists.h"
#include "graph/key_codec.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"

namespace dossier::graph {

// Rewrites the by-document families as format version 1 wrote them: a key an entry.
inline void DowngradeToVersion1(GraphStore& store) {
  rocksdb::DB* db = store.db();
  for (ColumnFamily family : {kEvidenceByDocCf, kMentionsByDocCf}) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, store.cf(family)));
    std::vector<std::pair<std::string, std::string>> lists;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      lists.emplace_back(it->key().ToString(), it->value().ToString());
    }
    for (const auto& [key, value] : lists) {
      ASSERT_TRUE(db->Delete({}, store.cf(family), key).ok());
      auto entries = SplitDocumentList(family, key, value);
      ASSERT_TRUE(entries.ok());
      for (std::string_view entry : *entries) {
        ASSERT_TRUE(
            db->Put({}, store.cf(family), key.substr(0, kIdBytes) + std::string(entry), "").ok());
      }
    }
  }
  ASSERT_TRUE(db->Put({}, store.cf(kMetaCf), kMetaFormatVersion, "1").ok());
}

}  // namespace dossier::graph

#endif  // DOSSIER_TESTS_GRAPH_FORMAT_VERSION1_H_
