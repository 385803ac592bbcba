// Early-return helpers for absl::Status, as in Abseil's internal macros.
#ifndef DOSSIER_GRAPH_STATUS_MACROS_H_
#define DOSSIER_GRAPH_STATUS_MACROS_H_

#include "absl/status/status.h"

#define DOSSIER_STATUS_CONCAT_INNER(a, b) a##b
#define DOSSIER_STATUS_CONCAT(a, b) DOSSIER_STATUS_CONCAT_INNER(a, b)

#define DOSSIER_RETURN_IF_ERROR(expr)                             \
  do {                                                            \
    if (::absl::Status _dossier_st = (expr); !_dossier_st.ok()) { \
      return _dossier_st;                                         \
    }                                                             \
  } while (0)

// DOSSIER_ASSIGN_OR_RETURN(auto x, Foo());
#define DOSSIER_ASSIGN_OR_RETURN(lhs, expr) \
  DOSSIER_ASSIGN_OR_RETURN_IMPL(DOSSIER_STATUS_CONCAT(_dossier_or_, __LINE__), lhs, expr)
#define DOSSIER_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(*tmp)

#endif  // DOSSIER_GRAPH_STATUS_MACROS_H_
