#include "model/requirements.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace stompcheck {
namespace {

std::size_t slot(stomp::Version v) { return static_cast<std::size_t>(v); }

Level parse_level(const std::string& s) {
  if (s == "MUST") return Level::Must;
  if (s == "SHOULD") return Level::Should;
  if (s == "MAY") return Level::May;
  if (s == "INFO") return Level::Info;
  throw std::logic_error("model/requirements.json: unknown level '" + s + "'");
}

Who parse_who(const std::string& s) {
  if (s == "server") return Who::Server;
  if (s == "client") return Who::Client;
  if (s == "both") return Who::Both;
  throw std::logic_error("model/requirements.json: unknown who '" + s + "'");
}

struct Catalogue {
  std::vector<Requirement> rows;
  std::array<std::vector<std::string>, 3> anchors;
};

const Catalogue& catalogue() {
  static const Catalogue c = [] {
    const nlohmann::json j = nlohmann::json::parse(requirements_json());
    if (j.at("format") != 1) throw std::logic_error("model/requirements.json: unknown format");
    Catalogue out;
    for (const auto& [version, list] : j.at("anchors").items()) {
      const auto v = stomp::parse_version(version);
      if (!v) throw std::logic_error("model/requirements.json: anchors of '" + version + "'");
      out.anchors[slot(*v)] = list.get<std::vector<std::string>>();
    }
    for (const nlohmann::json& r : j.at("requirements")) {
      Requirement row{.id = r.at("id").get<std::string>(),
                      .area = r.at("area").get<std::string>(),
                      .summary = r.at("summary").get<std::string>(),
                      .who = parse_who(r.at("who").get<std::string>()),
                      .observable = r.at("observable").get<bool>(),
                      .unobservable = {},
                      .versions = {}};
      // The reason is there exactly when the row is not observable, and says something.
      if (r.contains("unobservable") == row.observable) {
        throw std::logic_error("model/requirements.json: " + row.id +
                               (row.observable ? ": 'unobservable' on an observable row"
                                               : ": observable false without 'unobservable'"));
      }
      if (!row.observable) {
        row.unobservable = r.at("unobservable").get<std::string>();
        if (row.unobservable.empty()) {
          throw std::logic_error("model/requirements.json: " + row.id + ": empty 'unobservable'");
        }
      }
      for (const auto& [version, st] : r.at("versions").items()) {
        const auto v = stomp::parse_version(version);
        if (!v) throw std::logic_error("model/requirements.json: " + row.id + " at " + version);
        row.versions[slot(*v)] = Statement{.level = parse_level(st.at("level").get<std::string>()),
                                           .written = st.at("written").get<std::string>(),
                                           .anchor = st.at("anchor").get<std::string>(),
                                           .sentence = st.at("sentence").get<std::string>()};
      }
      out.rows.push_back(std::move(row));
    }
    return out;
  }();
  return c;
}

}  // namespace

const Statement* Requirement::at(stomp::Version v) const {
  const auto& s = versions[slot(v)];
  return s ? &*s : nullptr;
}

const std::vector<Requirement>& requirements() { return catalogue().rows; }

const Requirement* find_requirement(std::string_view id) {
  for (const Requirement& r : requirements()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Level level_at(std::string_view id, stomp::Version v) {
  const Requirement* r = find_requirement(id);
  if (r == nullptr) {
    throw std::logic_error("unknown requirement id '" + std::string(id) + "' (a stompcheck bug)");
  }
  const Statement* s = r->at(v);
  return s ? s->level : Level::Info;
}

const std::vector<std::string>& spec_anchors(stomp::Version v) {
  return catalogue().anchors[slot(v)];
}

}  // namespace stompcheck
