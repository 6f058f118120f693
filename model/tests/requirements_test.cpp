// The requirement catalogue as compiled in (model/requirements.json): its shape, its citations
// and the graded levels the scenario engine relies on.
#include "model/requirements.hpp"

#include <algorithm>
#include <array>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace stompcheck {
namespace {

using stomp::Version;
constexpr std::array kVersions = {Version::V1_0, Version::V1_1, Version::V1_2};

TEST(Catalogue, JsonHasFormatOne) {
  const nlohmann::json j = nlohmann::json::parse(requirements_json());
  ASSERT_TRUE(j.contains("format"));
  EXPECT_EQ(j.at("format"), 1);
}

TEST(Catalogue, HoldsEveryRowOfTheMap) {
  // FR 24, CN 12, HB 7, SD 6, SB 10, US 2, AK 7, TX 5, DC 4, MS 8, RC 4, ER 5.
  EXPECT_EQ(requirements().size(), 94U);
}

TEST(Catalogue, IdsAreUniqueAndWellFormed) {
  const std::regex shape("^[A-Z]{2}-[0-9]{2}$");
  std::set<std::string> seen;
  for (const Requirement& r : requirements()) {
    EXPECT_TRUE(std::regex_match(r.id, shape)) << r.id;
    EXPECT_TRUE(seen.insert(r.id).second) << "duplicate " << r.id;
  }
}

TEST(Catalogue, RowsAreInIdOrderWithinAreasInMapOrder) {
  constexpr std::array<std::string_view, 12> kAreas = {"FR", "CN", "HB", "SD", "SB", "US",
                                                       "AK", "TX", "DC", "MS", "RC", "ER"};
  auto rank = [&](const std::string& id) {
    const auto* at = std::find(kAreas.begin(), kAreas.end(), std::string_view(id).substr(0, 2));
    return std::pair{at - kAreas.begin(), id};
  };
  const auto& rows = requirements();
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_LT(rank(rows[i - 1].id), rank(rows[i].id)) << rows[i - 1].id << " then " << rows[i].id;
  }
  for (const Requirement& r : rows) {
    EXPECT_NE(std::find(kAreas.begin(), kAreas.end(), std::string_view(r.id).substr(0, 2)),
              kAreas.end())
        << r.id;
  }
}

TEST(Catalogue, EveryRowAppliesToAtLeastOneVersion) {
  for (const Requirement& r : requirements()) {
    EXPECT_TRUE(std::any_of(kVersions.begin(), kVersions.end(), [&](Version v) {
      return r.at(v) != nullptr;
    })) << r.id;
  }
}

TEST(Catalogue, EachVersionHasItsPageAnchors) {
  for (Version v : kVersions) EXPECT_FALSE(spec_anchors(v).empty()) << stomp::to_string(v);
  // The pages differ: 1.1 has Once_Connected and no Body; 1.0 has its own scheme.
  auto has = [](Version v, std::string_view a) {
    const auto& list = spec_anchors(v);
    return std::find(list.begin(), list.end(), a) != list.end();
  };
  EXPECT_TRUE(has(Version::V1_2, "Body"));
  EXPECT_FALSE(has(Version::V1_1, "Body"));
  EXPECT_TRUE(has(Version::V1_1, "Once_Connected"));
  EXPECT_FALSE(has(Version::V1_2, "Once_Connected"));
  EXPECT_TRUE(has(Version::V1_1, "Client_Frames"));
  EXPECT_TRUE(has(Version::V1_0, "frame-SEND"));
  EXPECT_FALSE(has(Version::V1_0, "SEND"));
}

TEST(Catalogue, EveryAnchorCitesItsOwnVersionsPage) {
  for (const Requirement& r : requirements()) {
    for (Version v : kVersions) {
      const Statement* s = r.at(v);
      if (s == nullptr) continue;
      const std::string prefix = std::string(stomp::to_string(v)) + "#";
      ASSERT_EQ(s->anchor.rfind(prefix, 0), 0U) << r.id << " at " << prefix << ": " << s->anchor;
      const std::string name = s->anchor.substr(prefix.size());
      const auto& anchors = spec_anchors(v);
      EXPECT_NE(std::find(anchors.begin(), anchors.end(), name), anchors.end())
          << r.id << ": " << s->anchor << " is no section of the " << stomp::to_string(v)
          << " page";
    }
  }
}

TEST(Catalogue, SentencesAreTheSpecsWordsNotTheSummary) {
  for (const Requirement& r : requirements()) {
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_EQ(r.summary.find('\n'), std::string::npos) << r.id << ": summary is one line";
    EXPECT_FALSE(r.area.empty()) << r.id;
    for (Version v : kVersions) {
      const Statement* s = r.at(v);
      if (s == nullptr) continue;
      EXPECT_FALSE(s->sentence.empty()) << r.id << " at " << stomp::to_string(v);
      EXPECT_NE(s->sentence, r.summary) << r.id << " at " << stomp::to_string(v);
      EXPECT_FALSE(s->written.empty()) << r.id << " at " << stomp::to_string(v);
    }
  }
}

TEST(Catalogue, ClientOnlyRulesAreNotObservableAndGradeInfo) {
  for (const Requirement& r : requirements()) {
    if (r.who != Who::Client) continue;
    EXPECT_FALSE(r.observable) << r.id;
    for (Version v : kVersions) EXPECT_EQ(level_at(r.id, v), Level::Info) << r.id;
  }
}

TEST(Catalogue, EveryUnobservableRowSaysWhyInOneSentence) {
  for (const Requirement& r : requirements()) {
    if (r.observable) {
      EXPECT_TRUE(r.unobservable.empty()) << r.id;
      continue;
    }
    EXPECT_FALSE(r.unobservable.empty()) << r.id;
    EXPECT_EQ(r.unobservable.back(), '.') << r.id;
  }
  EXPECT_EQ(find_requirement("DC-02")->unobservable,
            "A client obligation: the specification does not say what a server does with frames "
            "sent after DISCONNECT.");
}

TEST(Catalogue, FindRequirement) {
  const Requirement* r = find_requirement("ER-01");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->id, "ER-01");
  EXPECT_EQ(r->area, "ERROR");
  EXPECT_EQ(r->who, Who::Server);
  EXPECT_EQ(r->at(Version::V1_0), nullptr);  // 1.0 has no close-after-ERROR rule
  EXPECT_EQ(find_requirement("XX-99"), nullptr);
  EXPECT_EQ(find_requirement(""), nullptr);
}

TEST(RequirementLevels, LevelAtIsTheGradedLevelAndInfoWhereTheRowDoesNotApply) {
  for (const Requirement& r : requirements()) {
    for (Version v : kVersions) {
      const Statement* s = r.at(v);
      EXPECT_EQ(level_at(r.id, v), s ? s->level : Level::Info) << r.id;
    }
  }
  EXPECT_EQ(level_at("AK-01", Version::V1_0), Level::Info);  // 1.2 only
  EXPECT_EQ(level_at("US-02", Version::V1_2), Level::Info);  // 1.0 only
}

TEST(RequirementLevels, UnknownIdThrows) {
  EXPECT_THROW(level_at("XX-99", Version::V1_2), std::logic_error);
  EXPECT_THROW(level_at("FR-6", Version::V1_2), std::logic_error);
}

// The graded levels the scenario engine relies on. "-" marks a row absent at that version
// (level_at gives INFO there).
struct Expected {
  std::string_view id;
  std::array<std::string_view, 3> at;  // 1.0, 1.1, 1.2
};
constexpr std::array kRelied = {
    Expected{"ER-01", {"-", "SHOULD", "MUST"}},
    Expected{"SD-02", {"-", "MUST", "MUST"}},
    Expected{"SB-02", {"-", "MUST", "MUST"}},
    Expected{"CN-01", {"-", "SHOULD", "MUST"}},
    Expected{"CN-05", {"-", "SHOULD", "MUST"}},
    Expected{"CN-06", {"-", "MUST", "MUST"}},
    Expected{"CN-03", {"MUST", "MUST", "MUST"}},
    Expected{"CN-04", {"-", "MUST", "MUST"}},
    Expected{"MS-01", {"MUST", "MUST", "MUST"}},
    Expected{"MS-03", {"MUST", "MUST", "MUST"}},
    Expected{"MS-04", {"SHOULD", "MUST", "MUST"}},
    Expected{"ER-03", {"-", "SHOULD", "SHOULD"}},
    Expected{"ER-02", {"SHOULD", "SHOULD", "SHOULD"}},
    Expected{"MS-02", {"-", "-", "SHOULD"}},
    Expected{"RC-01", {"MUST", "MUST", "MUST"}},
    Expected{"RC-03", {"-", "-", "INFO"}},
    Expected{"FR-01", {"MUST", "MUST", "MUST"}},
    Expected{"FR-19", {"-", "SHOULD", "SHOULD"}},
    Expected{"AK-06", {"-", "-", "MUST"}},
    Expected{"DC-01", {"-", "MUST", "MUST"}},
    Expected{"DC-03", {"MUST", "MUST", "MUST"}},
    Expected{"SD-01", {"MUST", "MUST", "MUST"}},
    Expected{"SD-03", {"-", "MUST", "MUST"}},
    Expected{"SB-01", {"MUST", "MUST", "MUST"}},
    Expected{"SB-04", {"MUST", "MUST", "MUST"}},
    Expected{"SB-05", {"MUST", "MUST", "MUST"}},
    Expected{"SB-06", {"-", "MUST", "MUST"}},
    Expected{"SB-09", {"-", "MUST", "MUST"}},
    Expected{"AK-07", {"MUST", "MUST", "MUST"}},
    Expected{"US-01", {"-", "MUST", "MUST"}},
    Expected{"US-02", {"MUST", "-", "-"}},
    Expected{"FR-05", {"-", "MUST", "MUST"}},
    Expected{"FR-07", {"-", "MUST", "MUST"}},
    Expected{"FR-11", {"MUST", "MUST", "MUST"}},
    Expected{"FR-12", {"-", "MUST", "MUST"}},
    Expected{"FR-17", {"-", "MUST", "MUST"}},
    Expected{"MS-06", {"MUST", "MUST", "MUST"}},
    Expected{"MS-08", {"MUST", "MUST", "MUST"}},
    Expected{"HB-01", {"-", "MUST", "MUST"}},
    Expected{"CN-07", {"-", "MUST", "MUST"}},
    Expected{"CN-10", {"-", "MUST", "MUST"}},
    Expected{"SD-06", {"INFO", "INFO", "INFO"}},
    Expected{"AK-01", {"-", "-", "MUST"}},
    Expected{"AK-02", {"-", "MUST", "-"}},
    Expected{"AK-03", {"MUST", "-", "-"}},
    Expected{"AK-05", {"-", "MUST", "MUST"}},
    Expected{"ER-05", {"-", "INFO", "INFO"}},
    // 1.0 too: "It is recommended that MESSAGE frames include a content-length header" (and
    // likewise SEND, ERROR), though 1.0 says nothing of content-type.
    Expected{"FR-13", {"SHOULD", "SHOULD", "SHOULD"}},
    Expected{"MS-07", {"SHOULD", "SHOULD", "SHOULD"}},
    Expected{"ER-04", {"SHOULD", "SHOULD", "SHOULD"}},
};

TEST(RequirementLevels, GradedLevelsTheEngineReliesOn) {
  for (const Expected& e : kRelied) {
    const Requirement* r = find_requirement(e.id);
    ASSERT_NE(r, nullptr) << e.id;
    for (std::size_t i = 0; i < kVersions.size(); ++i) {
      const Statement* s = r->at(kVersions[i]);
      const std::string_view want = e.at[i];
      const std::string_view v = stomp::to_string(kVersions[i]);
      if (want == "-") {
        EXPECT_EQ(s, nullptr) << e.id << " should not apply at " << v;
        EXPECT_EQ(level_at(e.id, kVersions[i]), Level::Info) << e.id << " at " << v;
      } else {
        ASSERT_NE(s, nullptr) << e.id << " should apply at " << v;
        EXPECT_EQ(to_string(s->level), want) << e.id << " at " << v;
      }
    }
  }
}

TEST(RequirementLevels, WrittenLevelFollowsTheVersionsText) {
  // Where the pages differ, each version keeps its own words.
  EXPECT_EQ(find_requirement("CN-01")->at(Version::V1_1)->written, "SHOULD");
  EXPECT_EQ(find_requirement("CN-01")->at(Version::V1_2)->written, "MUST");
  EXPECT_EQ(find_requirement("CN-10")->at(Version::V1_2)->written, "must (lowercase)");
  EXPECT_EQ(find_requirement("CN-11")->at(Version::V1_2)->written, "unspecified");
  EXPECT_EQ(find_requirement("TX-05")->at(Version::V1_0)->written, "unspecified");
  const Statement* sd02 = find_requirement("SD-02")->at(Version::V1_1);
  EXPECT_NE(sd02->sentence.find("disconnect the client"), std::string::npos);
  const Statement* fr06 = find_requirement("FR-06")->at(Version::V1_1);
  EXPECT_NE(fr06->sentence.find("\\r (octet 92 and 114)"), std::string::npos);
}

}  // namespace
}  // namespace stompcheck
