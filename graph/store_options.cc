#include "graph/store_options.h"

#include <algorithm>
#include <memory>

#include "rocksdb/cache.h"
#include "rocksdb/convenience.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/table.h"

namespace dossier::graph {
namespace {

rocksdb::CompressionType FastestAvailableCompression() {
  for (rocksdb::CompressionType c : {rocksdb::kLZ4Compression, rocksdb::kSnappyCompression}) {
    for (rocksdb::CompressionType supported : rocksdb::GetSupportedCompressions()) {
      if (supported == c) return c;
    }
  }
  return rocksdb::kNoCompression;
}

rocksdb::CompressionType DensestAvailableCompression() {
  for (rocksdb::CompressionType supported : rocksdb::GetSupportedCompressions()) {
    if (supported == rocksdb::kZSTD) return rocksdb::kZSTD;
  }
  return FastestAvailableCompression();
}

}  // namespace

StoreOptions BuildStoreOptions(const GraphOptions& options) {
  StoreOptions out;
  rocksdb::DBOptions& db = out.db;
  db.create_if_missing = options.create_if_missing;
  db.create_missing_column_families = true;
  db.max_background_jobs = std::max(2, options.max_background_jobs);
  // Two flushes at once (RocksDB gives flushes a quarter of the jobs: one): closing flushes
  // every family while nothing else runs (store.cc). Setting one limit means setting both.
  db.max_background_flushes = 2;
  db.max_background_compactions = std::max(1, db.max_background_jobs - 1);
  db.bytes_per_sync = 1 << 20;
  // The WAL too is handed to the disk a megabyte at a time as it is written: unsynced, a large
  // import's whole log was synced at once by the flush on close (97 ms of 600 letters' import,
  // 63 ms with this).
  db.wal_bytes_per_sync = 1 << 20;
  db.keep_log_file_num = 5;
  db.max_log_file_size = 16 << 20;
  db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // All memtables together stay under this; the block cache is bounded below.
  db.db_write_buffer_size = options.write_buffer_bytes * 4;
  db.max_open_files = 512;

  // One LRU cache for every column family bounds read memory; index and filter
  // blocks live in it too (charged, with L0's pinned) so they do not grow
  // outside the budget on a large database.
  std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(options.block_cache_bytes);

  auto table_options = [&](bool bloom, size_t block_size) {
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = cache;
    t.block_size = block_size;
    t.cache_index_and_filter_blocks = true;
    // Index and filter blocks are charged to the cache (bounded memory) but
    // pinned there: every point read needs them, and evicting them under a
    // scan would turn one read into three.
    t.metadata_cache_options.unpartitioned_pinning = rocksdb::PinningTier::kAll;
    t.metadata_cache_options.top_level_index_pinning = rocksdb::PinningTier::kAll;
    t.metadata_cache_options.partition_pinning = rocksdb::PinningTier::kAll;
    t.format_version = 5;
    if (bloom) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    return t;
  };

  for (int i = 0; i < kColumnFamilyCount; ++i) {
    rocksdb::ColumnFamilyOptions& cf = out.column_families[i];
    cf.compression = FastestAvailableCompression();
    cf.bottommost_compression = DensestAvailableCompression();
    cf.level_compaction_dynamic_level_bytes = true;
    bool adjacency = false, point_lookups = false, small = false;
    switch (static_cast<ColumnFamily>(i)) {
      case kOutEdgesCf:
      case kInEdgesCf:
      case kEvidenceCf:
      case kDegreesCf:
      case kMentionsCf:
      case kEvidenceByDocCf:
      case kMentionsByDocCf:
        adjacency = true;
        break;
      case kNodesCf:
      case kNodeKeysCf:
      case kExternalIdsCf:
        point_lookups = true;
        break;
      case kDefaultCf:
      case kMetaCf:
        small = true;
        break;
      case kNamesCf:
      case kColumnFamilyCount:
        break;
    }
    cf.write_buffer_size = small ? (4 << 20) : options.write_buffer_bytes;
    // A commit's keys reach each memtable in key order, and most of them land right after the
    // previous one (a new node's keys) or a few dozen entries on (a recurring person's, a name's).
    // Without a hint, RocksDB keeps a splice of the last insert but searches again from the top of
    // the skip list whenever the next key is not its immediate successor; with one, it climbs only
    // as far as it must (InsertWithHint's partial splice fix). One hint per family, not one per
    // node: a hint per 8-byte node prefix (tried before) allocated a splice for each node and paid
    // a full search for each node's first key, and cost more than it saved. The prefix is empty
    // for every key: RocksDB's own 0-byte fixed prefix, so that the OPTIONS file names a transform
    // its tools know. 3,000 letters: wall 6.76 -> 6.34 s, user 12.26 -> 11.57 s (three alternating
    // pairs); one letter a commit, unchanged.
    if (!small) {
      cf.memtable_insert_with_hint_prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(0));
    }
    if (adjacency) {
      // Every adjacency read is "keys of one node": an 8-byte id prefix. The
      // prefix bloom skips files without that node; whole-key filtering still
      // serves exact edge lookups.
      cf.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kIdBytes));
      // 2% of the write buffer: 1.3 MB for 64 MB, over 10 bits an entry at an import's entry
      // sizes. A memtable's filter is allocated and zeroed whole when the memtable is made, so
      // every process that opens the database pays for it: at 5% that was 67 MB zeroed, a
      // quarter of the CPU of a one-letter import, for no measurable gain in a 600-letter one.
      cf.memtable_prefix_bloom_size_ratio = 0.02;
      // A writer asks for exact keys most of which are not there yet (is this edge new? this
      // degree counter?): the memtable's filter answers those without a skip-list search.
      // Only out-edges and degrees are read by exact key. The in-edges mirror, evidence,
      // mentions and their by-document indexes are written, deleted and scanned, never looked
      // up, so they keep the prefix filter alone: a whole-key filter there would cost a hash
      // per key in every memtable insert, flush and bulk-loaded file, and never be consulted
      // (the checker's probes fall back to the prefix filter).
      const ColumnFamily family = static_cast<ColumnFamily>(i);
      const bool exact_reads = family == kOutEdgesCf || family == kDegreesCf;
      cf.memtable_whole_key_filtering = exact_reads;
      rocksdb::BlockBasedTableOptions t = table_options(true, 16 << 10);
      t.whole_key_filtering = exact_reads;
      cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    } else if (point_lookups) {
      // A hash index inside each data block answers a Get without the binary
      // search over restart points. A point read that misses the block cache
      // decompresses a whole block for one record: LZ4 does that several times
      // faster than ZSTD, and these families are a small part of the disk.
      cf.bottommost_compression = FastestAvailableCompression();
      // Each new person or organisation is first looked up by key and not found. (Sized as
      // for the adjacency families.)
      cf.memtable_prefix_bloom_size_ratio = 0.02;
      cf.memtable_whole_key_filtering = true;
      rocksdb::BlockBasedTableOptions t = table_options(true, 4 << 10);
      t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
      cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    } else {
      // names is only ever scanned by prefix of variable length: a filter
      // would never be consulted. Its scans are short (one name), so block
      // decompression dominates a cold read, as for the point families.
      if (!small) cf.bottommost_compression = FastestAvailableCompression();
      cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options(false, 8 << 10)));
    }
  }
  return out;
}

}  // namespace dossier::graph
