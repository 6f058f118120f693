#include "codec/tests/golden_file.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

#include <stomp/notation.hpp>

namespace golden {
namespace {

namespace fs = std::filesystem;

// Throws the "<file>:<line>: <why>" error every malformed golden file gets.
[[noreturn]] void fail(const std::string& file, int line, const std::string& why) {
  throw std::runtime_error(file + ":" + std::to_string(line) + ": " + why);
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    parts.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

struct Limit {
  std::string_view name;
  std::size_t stomp::Limits::*field;
};
constexpr Limit kLimits[] = {
    {"headers", &stomp::Limits::max_headers},
    {"line", &stomp::Limits::max_line},
    {"body", &stomp::Limits::max_body},
    {"frame", &stomp::Limits::max_frame},
};

// Parses "version=1.1 origin=server lenient=a,b limits=headers:3,line:20".
stomp::ParserOptions parse_options(std::string_view text, const std::string& file, int line) {
  stomp::ParserOptions o;
  std::set<std::string> seen;
  for (const std::string& word : words(text)) {
    std::size_t eq = word.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == word.size()) {
      fail(file, line, "option '" + word + "' is not key=value");
    }
    std::string key = word.substr(0, eq);
    std::string value = word.substr(eq + 1);
    if (!seen.insert(key).second) fail(file, line, "option '" + key + "' given twice");
    if (key == "version") {
      auto v = stomp::parse_version(value);
      if (!v) fail(file, line, "version '" + value + "' is not 1.0, 1.1 or 1.2");
      o.version = *v;
    } else if (key == "origin") {
      if (value == "any") {
        o.origin = stomp::Origin::Any;
      } else if (value == "client") {
        o.origin = stomp::Origin::Client;
      } else if (value == "server") {
        o.origin = stomp::Origin::Server;
      } else {
        fail(file, line, "origin '" + value + "' is not any, client or server");
      }
    } else if (key == "lenient") {
      for (const std::string& name : split(value, ',')) {
        if (!stomp::set_lenient(o.lenient, name)) {
          std::string known;
          for (const std::string& n : stomp::lenient_names()) {
            if (!known.empty()) known += ", ";
            known += n;
          }
          fail(file, line, "unknown leniency '" + name + "' (" + known + ")");
        }
      }
    } else if (key == "limits") {
      for (const std::string& item : split(value, ',')) {
        std::size_t colon = item.find(':');
        std::string name = item.substr(0, colon);
        auto it = std::find_if(std::begin(kLimits), std::end(kLimits),
                               [&](const Limit& l) { return l.name == name; });
        if (colon == std::string::npos || it == std::end(kLimits)) {
          fail(file, line, "limit '" + item + "' is not headers|line|body|frame:<number>");
        }
        std::string_view digits = std::string_view(item).substr(colon + 1);
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
        if (digits.empty() || ec != std::errc{} || end != digits.data() + digits.size()) {
          fail(file, line, "limit '" + item + "' needs a decimal number");
        }
        o.limits.*(it->field) = n;
      }
    } else {
      fail(file, line, "unknown option '" + key + "' (version, origin, lenient, limits)");
    }
  }
  return o;
}

bool valid_slug(std::string_view slug) {
  return !slug.empty() && std::all_of(slug.begin(), slug.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// A requirement id of the catalogue: two or more capitals, '-', two digits (e.g. FR-06).
bool valid_requirement(std::string_view id) {
  std::size_t dash = id.find('-');
  if (dash == std::string_view::npos || dash < 2 || id.size() != dash + 3) return false;
  for (std::size_t i = 0; i < dash; ++i) {
    if (id[i] < 'A' || id[i] > 'Z') return false;
  }
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return digit(id[dash + 1]) && digit(id[dash + 2]);
}

// The input block's lines joined with LF; the LF ending the last line is not part of it.
std::string join_lines(const std::vector<std::string>& lines) {
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) joined.push_back('\n');
    joined += lines[i];
  }
  return joined;
}

bool valid_event(std::string_view e) {
  return e == "heartbeat" || starts_with(e, "frame ") || starts_with(e, "header ") ||
         starts_with(e, "body ") || starts_with(e, "error ");
}

enum class State { Outside, Meta, Input, Events };

}  // namespace

std::vector<Case> load(const fs::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(file, 0, "cannot open golden file");
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = split(text.str(), '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();  // the file's final LF

  std::vector<Case> cases;
  std::set<std::string> slugs;
  std::vector<std::string> input;
  bool has_requirements = false;
  bool has_options = false;
  State state = State::Outside;

  auto begin_case = [&](const std::string& line, int number) {
    std::string slug = line.substr(4);
    if (!valid_slug(slug)) {
      fail(file, number, "case slug '" + slug + "' must be letters, digits, '-', '_' or '.'");
    }
    if (!slugs.insert(slug).second) fail(file, number, "case slug '" + slug + "' is not unique");
    Case c;
    c.file = file;
    c.line = number;
    c.name = slug;
    cases.push_back(std::move(c));
    input.clear();
    has_requirements = has_options = false;
    state = State::Meta;
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const int number = static_cast<int>(i + 1);
    if (line.find('\r') != std::string::npos) {
      fail(file, number, "raw carriage return; write ^M (and keep the file LF-only)");
    }
    switch (state) {
      case State::Outside:
        if (line.empty() || line[0] == '#') break;
        if (!starts_with(line, "=== ")) fail(file, number, "expected '=== <case-slug>'");
        begin_case(line, number);
        break;
      case State::Meta:
        if (line.empty() || line[0] == '#') break;
        if (line == "--- input") {
          if (!has_requirements) {
            fail(file, number, "case '" + cases.back().name + "' has no 'requirements:' line");
          }
          state = State::Input;
        } else if (starts_with(line, "requirements:")) {
          if (has_requirements) fail(file, number, "second 'requirements:' line");
          has_requirements = true;
          cases.back().requirements = words(std::string_view(line).substr(13));
          if (cases.back().requirements.empty()) fail(file, number, "no requirement ids");
          for (const std::string& id : cases.back().requirements) {
            if (!valid_requirement(id)) fail(file, number, "'" + id + "' is not an id like FR-06");
          }
        } else if (starts_with(line, "options:")) {
          if (has_options) fail(file, number, "second 'options:' line");
          has_options = true;
          cases.back().options = parse_options(std::string_view(line).substr(8), file, number);
        } else {
          fail(file, number, "expected 'requirements:', 'options:' or '--- input'");
        }
        break;
      case State::Input:
        if (line == "--- events") {
          cases.back().input = stomp::wire(join_lines(input));
          state = State::Events;
        } else {
          input.push_back(line);
        }
        break;
      case State::Events:
        if (line.empty()) {
          state = State::Outside;
        } else if (starts_with(line, "=== ")) {
          begin_case(line, number);
        } else if (!valid_event(line)) {
          fail(file, number,
               "not an event line (frame, header, body, heartbeat, error); end the events "
               "block with a blank line before comments");
        } else {
          cases.back().events.push_back(line);
        }
        break;
    }
  }
  if (state == State::Meta || state == State::Input) {
    fail(file, cases.back().line, "case '" + cases.back().name + "' has no '--- events' line");
  }
  if (cases.empty()) fail(file, 0, "no cases");
  return cases;
}

std::vector<Case> load_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail(dir.string(), 0, "not a directory");
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Case> all;
  for (const fs::path& f : files) {
    std::vector<Case> cases = load(f);
    all.insert(all.end(), std::make_move_iterator(cases.begin()),
               std::make_move_iterator(cases.end()));
  }
  return all;
}

std::string golden_dir() {
  if (const char* env = std::getenv("STOMPCHECK_GOLDEN_DIR"); env != nullptr && *env != '\0') {
    return fs::absolute(env).string();
  }
  std::error_code ec;
  const fs::path relative = "codec/tests/golden";
  if (fs::is_directory(relative, ec)) return fs::absolute(relative).string();
  return (fs::path(__FILE__).parent_path() / "golden").string();
}

}  // namespace golden
