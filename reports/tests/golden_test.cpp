// The writers against golden files generated from sample_run(), byte for byte.
//
// To regenerate the golden files after an intended change to a writer or to the sample run:
//   STOMPCHECK_UPDATE_GOLDEN=1 ctest --preset dev -R ReportsGolden
// (each test then rewrites its file instead of comparing), and review the diff before
// committing it. Golden files live in reports/tests/golden/.
#include <cstddef>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "reports/console.hpp"
#include "reports/file.hpp"
#include "reports/json.hpp"
#include "reports/junit.hpp"
#include "reports/tests/sample_run.hpp"

namespace stompcheck::reports {
namespace {

using testing::sample_run;

const std::string kGoldenDir = STOMPCHECK_REPORTS_GOLDEN_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

bool updating() {
  const char* env = std::getenv("STOMPCHECK_UPDATE_GOLDEN");
  return env != nullptr && std::string_view(env) == "1";
}

// Compares `actual` with the golden file `name`; rewrites the file instead when updating().
void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = kGoldenDir + "/" + name;
  if (updating()) {
    const WriteResult written = write_atomically(path, actual);
    ASSERT_TRUE(written.ok) << written.error;
    std::cout << "rewrote " << path << "\n";
    return;
  }
  const std::string expected = read_file(path);
  ASSERT_FALSE(expected.empty()) << "missing golden file " << path
                                 << " (STOMPCHECK_UPDATE_GOLDEN=1 creates it)";
  EXPECT_EQ(actual, expected) << "differs from " << path;
}

std::string console_transcript(const RunResult& run) {
  std::string out;
  for (const CaseResult& c : run.cases) out += case_line(c) + case_detail(c);
  return out + summary_lines(run);
}

std::size_t occurrences(std::string_view text, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ReportsGolden, Json) { expect_golden("run.json", to_json(sample_run())); }

TEST(ReportsGolden, Junit) { expect_golden("run.xml", to_junit(sample_run())); }

TEST(ReportsGolden, JunitStrict) {
  expect_golden("run-strict.xml", to_junit(sample_run(/*strict=*/true)));
}

TEST(ReportsGolden, Console) { expect_golden("run.txt", console_transcript(sample_run())); }

// A JSON tally object agrees with the model's tally.
void expect_summary(const nlohmann::json& summary, const Tally& t) {
  for (std::size_t i = 0; i < kVerdicts; ++i) {
    const auto v = static_cast<Verdict>(i);
    EXPECT_EQ(summary.at(std::string(to_string(v))).get<std::size_t>(), t.of(v)) << to_string(v);
    EXPECT_EQ(summary.at("findings").at(std::string(to_string(v))).get<std::size_t>(),
              t.findings_of(v))
        << to_string(v);
  }
  EXPECT_EQ(summary.at("passed").get<std::size_t>(), t.passed);
  EXPECT_EQ(summary.at("failed").get<std::size_t>(), t.failed);
  EXPECT_EQ(summary.at("cases_with_findings").get<std::size_t>(), t.with_findings);
}

TEST(ReportsGolden, JsonParsesBackWithTheTally) {
  const RunResult run = sample_run();
  const nlohmann::json doc = nlohmann::json::parse(to_json(run));
  const RunTally t = tally(run.cases, run.info.strict);
  {
    SCOPED_TRACE("summary");
    expect_summary(doc.at("summary"), t.conformance);
  }
  {
    SCOPED_TRACE("profile_summary");
    expect_summary(doc.at("profile_summary"), t.profile);
  }
  EXPECT_EQ(doc.at("profile_summary").at("FAIL").get<std::size_t>(), 1U);
  EXPECT_EQ(doc.at("summary").at("findings").at("INFO").get<std::size_t>(), 2U);
  ASSERT_EQ(doc.at("cases").size(), run.cases.size());
  for (std::size_t i = 0; i < run.cases.size(); ++i) {
    const nlohmann::json& c = doc.at("cases").at(i);
    EXPECT_EQ(c.at("profile").get<bool>(), run.cases[i].profile) << i;
    EXPECT_EQ(c.at("level").get<std::string>(), to_string(run.cases[i].level)) << i;
  }
  EXPECT_EQ(doc.at("cases").at(1).at("actual").get<std::string>(), run.cases.at(1).actual);
  EXPECT_EQ(doc.at("cases").at(1).at("duration_ms").get<double>(), 12.345);
  EXPECT_EQ(doc.at("cases").at(1).at("cited").get<std::string>(), "FR-06");
  EXPECT_EQ(doc.at("cases").at(1).at("sentence").get<std::string>(), run.cases.at(1).sentence);
  // The ill-formed octets of the ERROR case came through as U+FFFD.
  EXPECT_NE(doc.at("cases").at(6).at("actual").get<std::string>().find("\xEF\xBF\xBD"),
            std::string::npos);
}

// The value of attribute `name` in the first tag of `xml`, or "(none)".
std::string attribute(std::string_view xml, std::string_view name) {
  const std::string_view tag = xml.substr(0, xml.find('>'));
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return "(none)";
  const std::size_t start = at + key.size();
  return std::string(tag.substr(start, tag.find('"', start) - start));
}

// The counts of `element` (a <testsuites> or <testsuite> and what it holds) agree with the
// testcases, <failure>, <error> and <skipped> elements inside it.
void expect_counts_agree(std::string_view element) {
  EXPECT_EQ(attribute(element, "tests"), std::to_string(occurrences(element, "<testcase ")));
  EXPECT_EQ(attribute(element, "failures"), std::to_string(occurrences(element, "<failure ")));
  EXPECT_EQ(attribute(element, "errors"), std::to_string(occurrences(element, "<error ")));
}

TEST(ReportsGolden, JunitCountsAgreeWithChildren) {
  for (const bool strict : {false, true}) {
    SCOPED_TRACE(strict ? "strict" : "lenient");
    const RunResult run = sample_run(strict);
    const std::string xml = to_junit(run);
    const RunTally t = tally(run.cases, strict);
    const std::string_view root = std::string_view(xml).substr(xml.find("<testsuites "));
    expect_counts_agree(root);
    // The root counts the conformance cases' failures and errors only (GRADING.md §7).
    EXPECT_EQ(attribute(root, "failures"), std::to_string(t.conformance.failed));
    EXPECT_EQ(attribute(root, "errors"), std::to_string(t.conformance.of(Verdict::Error)));
    EXPECT_EQ(attribute(root, "skipped"), "(none)");  // junit-10.xsd has none on the root
    std::size_t suites = 0;
    std::string last;
    for (std::size_t at = xml.find("<testsuite "); at != std::string::npos;
         at = xml.find("<testsuite ", at + 1)) {
      const std::string_view suite =
          std::string_view(xml).substr(at, xml.find("</testsuite>", at) - at);
      last = attribute(suite, "name");
      SCOPED_TRACE(last);
      expect_counts_agree(suite);
      EXPECT_EQ(attribute(suite, "skipped"), std::to_string(occurrences(suite, "<skipped ")));
      ++suites;
    }
    EXPECT_EQ(suites, 5U);  // Connecting, Frames, Heart-beating, Receipts, then the profile
    EXPECT_EQ(last, "Broker profile (not conformance)");
    // SKIPPED and UNSUPPORTED are <skipped>; so is every profile case that did not pass.
    const auto skipped = [](const Tally& n) {
      return n.of(Verdict::Skipped) + n.of(Verdict::Unsupported);
    };
    const Tally& p = t.profile;
    EXPECT_EQ(occurrences(xml, "<skipped "),
              skipped(t.conformance) + skipped(p) + p.failed + p.of(Verdict::Error));
    EXPECT_EQ(occurrences(xml, "<skipped message=\"profile FAIL (not conformance): "), 1U);
  }
}

// Whatever bytes a broker sent: the JSON parses back, the console shows no control octet but
// LF and no ill-formed UTF-8. (The schema test checks the JUnit of the same run with xmllint.)
TEST(ReportsAnyOctets, JsonAndConsoleStayClean) {
  const RunResult run = testing::all_octets_run();
  const nlohmann::json doc = nlohmann::json::parse(to_json(run));
  EXPECT_EQ(doc.at("cases").size(), 2 * kVerdicts);
  for (const char c : console_transcript(run)) {
    const auto octet = static_cast<unsigned char>(c);
    EXPECT_TRUE(octet >= 0x20 || c == '\n') << static_cast<int>(octet);
    EXPECT_NE(octet, 0x7F);
    EXPECT_LT(octet, 0x80);  // all 256 octets in a row hold no well-formed UTF-8 sequence
  }
}

}  // namespace
}  // namespace stompcheck::reports
