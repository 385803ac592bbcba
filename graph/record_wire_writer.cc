#include "graph/record_wire_writer.h"

#include <cstdint>
#include <string_view>
#include <variant>

#include "absl/base/casts.h"
#include "absl/container/inlined_vector.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace dossier::graph {
namespace {

using google::protobuf::internal::WireFormatLite;
using google::protobuf::io::CodedOutputStream;

// Counts the bytes of what it is given, and writes them too when it has somewhere to: the same
// calls size a message (for its length prefix, or the output's allocation) and then write it.
class WireSink {
 public:
  WireSink() = default;
  explicit WireSink(uint8_t* at) : at_(at) {}
  size_t size() const { return size_; }

  void Varint(int field, uint64_t value) {
    Tag(field, WireFormatLite::WIRETYPE_VARINT);
    Raw(value);
  }
  void Fixed64(int field, uint64_t value) {
    Tag(field, WireFormatLite::WIRETYPE_FIXED64);
    if (at_ != nullptr) at_ = CodedOutputStream::WriteLittleEndian64ToArray(value, at_);
    size_ += sizeof(value);
  }
  void Bytes(int field, std::string_view bytes) {
    LengthPrefix(field, bytes.size());
    if (at_ != nullptr) {
      at_ = CodedOutputStream::WriteRawToArray(bytes.data(), static_cast<int>(bytes.size()), at_);
    }
    size_ += bytes.size();
  }
  // Counts bytes written elsewhere (only while counting).
  void Skip(size_t bytes) { size_ += bytes; }
  // A sub-message's tag and length; its fields follow.
  void LengthPrefix(int field, size_t length) {
    Tag(field, WireFormatLite::WIRETYPE_LENGTH_DELIMITED);
    Raw(length);
  }

 private:
  void Tag(int field, WireFormatLite::WireType type) { Raw(WireFormatLite::MakeTag(field, type)); }
  void Raw(uint64_t value) {
    if (value < 0x80) {  // Tags, and most lengths and offsets: one byte.
      if (at_ != nullptr) *at_++ = static_cast<uint8_t>(value);
      ++size_;
      return;
    }
    if (at_ != nullptr) at_ = CodedOutputStream::WriteVarint64ToArray(value, at_);
    size_ += CodedOutputStream::VarintSize64(value);
  }

  uint8_t* at_ = nullptr;
  size_t size_ = 0;
};

// internal::StringListValue.
void EmitStringList(const StringList& values, WireSink* sink) {
  for (const std::string& v : values) sink->Bytes(1, v);
}

// internal::Value: a oneof, so its member is written even when it holds the default.
void EmitValue(const PropertyValue& value, WireSink* sink) {
  struct Visitor {
    WireSink* sink;
    void operator()(const std::string& v) const { sink->Bytes(1, v); }
    void operator()(int64_t v) const { sink->Varint(2, static_cast<uint64_t>(v)); }
    void operator()(double v) const { sink->Fixed64(3, absl::bit_cast<uint64_t>(v)); }
    void operator()(bool v) const { sink->Varint(4, v ? 1 : 0); }
    void operator()(const Timestamp& v) const { sink->Varint(5, static_cast<uint64_t>(v.micros)); }
    void operator()(const StringList& v) const {
      WireSink list;
      EmitStringList(v, &list);
      sink->LengthPrefix(6, list.size());
      EmitStringList(v, sink);
    }
  };
  std::visit(Visitor{sink}, value);
}

void EmitScalars(const Evidence& e, WireSink* sink) {
  if (e.document != 0) sink->Varint(1, e.document);
  if (e.start != 0) sink->Varint(2, e.start);
  if (e.end != 0) sink->Varint(3, e.end);
  if (!e.text.empty()) sink->Bytes(4, e.text);
  // An int32 is written sign-extended to 64 bits, as the generated code does.
  if (e.footnote != 0) sink->Varint(5, static_cast<uint64_t>(static_cast<int64_t>(e.footnote)));
  if (!e.rule.empty()) sink->Bytes(6, e.rule);
}

}  // namespace

std::string WriteEvidenceRecordWire(const Evidence& evidence) {
  // Each property is an internal::Property (field 7): its name, then its value as a set
  // sub-message, written even when empty. The values' sizes are counted once, for both length
  // prefixes and the output's size.
  absl::InlinedVector<size_t, 8> value_sizes;
  WireSink count;
  EmitScalars(evidence, &count);
  for (const auto& [name, value] : evidence.properties) {  // std::map: sorted, as in the record.
    WireSink value_size;
    EmitValue(value, &value_size);
    value_sizes.push_back(value_size.size());
    WireSink property;
    if (!name.empty()) property.Bytes(1, name);
    property.LengthPrefix(2, value_size.size());
    count.LengthPrefix(7, property.size() + value_size.size());
    count.Skip(property.size() + value_size.size());
  }
  std::string out(count.size(), '\0');
  WireSink write(reinterpret_cast<uint8_t*>(out.data()));
  EmitScalars(evidence, &write);
  size_t i = 0;
  for (const auto& [name, value] : evidence.properties) {
    const size_t value_size = value_sizes[i++];
    WireSink header;
    if (!name.empty()) header.Bytes(1, name);
    header.LengthPrefix(2, value_size);
    write.LengthPrefix(7, header.size() + value_size);
    if (!name.empty()) write.Bytes(1, name);
    write.LengthPrefix(2, value_size);
    EmitValue(value, &write);
  }
  return out;
}

}  // namespace dossier::graph
