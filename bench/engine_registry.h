// Engines register a factory under a name; the driver creates the ones asked
// for with --engines. Adding an engine is one .cc file that defines the
// engine and registers it, plus one line in bench/CMakeLists.txt
// (DOSSIER_BENCH_ENGINE_SOURCES):
//
//   DOSSIER_REGISTER_BENCH_ENGINE(dossier, [](const EngineConfig& config)
//       -> absl::StatusOr<std::unique_ptr<Engine>> { ... });
//
// Registered: "sqlite" (sqlite_engine.cc), "dossier" (the graph library
// in-process, dossier_engine.cc), "grpc" (`dossier serve` over loopback,
// grpc_engine.cc).
#ifndef DOSSIER_BENCH_ENGINE_REGISTRY_H_
#define DOSSIER_BENCH_ENGINE_REGISTRY_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/engine.h"

namespace dossier::bench {

struct EngineConfig {
  // A scratch directory the engine owns for its database files; the driver
  // creates it and removes it afterwards unless asked to keep it.
  std::string work_dir;
  // Engine-specific settings from --engine_opt key=value, by convention
  // prefixed with the engine's name ("sqlite.q4=cte").
  std::map<std::string, std::string> options;
};

using EngineFactory =
    std::function<absl::StatusOr<std::unique_ptr<Engine>>(const EngineConfig& config)>;

class EngineRegistry {
 public:
  static EngineRegistry& Global();

  // Returns false when the name is taken.
  bool Register(const std::string& name, EngineFactory factory);
  absl::StatusOr<std::unique_ptr<Engine>> Create(const std::string& name,
                                                 const EngineConfig& config) const;
  std::vector<std::string> Names() const;  // Sorted.

 private:
  std::map<std::string, EngineFactory> factories_;
};

}  // namespace dossier::bench

#define DOSSIER_BENCH_CONCAT_INNER(a, b) a##b
#define DOSSIER_BENCH_CONCAT(a, b) DOSSIER_BENCH_CONCAT_INNER(a, b)
// Registers at static-initialisation time. The engine's object file must be
// linked into the executable directly (an OBJECT library), not pulled from a
// static archive, or the linker drops the registration.
#define DOSSIER_REGISTER_BENCH_ENGINE(engine_name, factory)           \
  static const bool DOSSIER_BENCH_CONCAT(kRegistered_, engine_name) = \
      ::dossier::bench::EngineRegistry::Global().Register(#engine_name, factory)

#endif  // DOSSIER_BENCH_ENGINE_REGISTRY_H_
