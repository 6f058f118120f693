// Case selection: globs on the case id, a bare section name, and the --only patterns that
// match nothing (a usage error in `stompcheck run`). Pure: the catalogue, no I/O.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenarios/catalogue.hpp"
#include "scenarios/runner.hpp"

namespace stompcheck {
namespace {

std::vector<std::string> ids(const Selection& s) {
  std::vector<std::string> out;
  for (const Case& c : select(catalogue(), s)) out.push_back(c.id);
  return out;
}

TEST(Select, ABareSectionNameSelectsTheSectionAsItsGlobDoes) {
  const std::vector<std::string> bare =
      ids({.versions = kAllVersions, .only = {"ack"}, .exclude = {}});
  ASSERT_FALSE(bare.empty());
  for (const std::string& id : bare) EXPECT_EQ(id.rfind("ack/", 0), 0U) << id;
  EXPECT_EQ(bare, ids({.versions = kAllVersions, .only = {"ack/*"}, .exclude = {}}));
  EXPECT_EQ(ids({.versions = {stomp::Version::V1_2}, .only = {"connect"}, .exclude = {}}),
            ids({.versions = {stomp::Version::V1_2}, .only = {"connect/*"}, .exclude = {}}));
}

TEST(Select, ABareWordIsTheWholeSectionNameNotAPrefix) {
  EXPECT_TRUE(ids({.versions = kAllVersions, .only = {"ac"}, .exclude = {}}).empty());
  EXPECT_TRUE(ids({.versions = kAllVersions, .only = {"ack/"}, .exclude = {}}).empty());
}

TEST(Select, AnExcludeMayNameASectionToo) {
  for (const std::string& id : ids({.versions = kAllVersions, .only = {}, .exclude = {"ack"}})) {
    EXPECT_NE(id.rfind("ack/", 0), 0U) << id;
  }
}

TEST(UnmatchedOnly, NamesEachPatternThatMatchesNoCaseInOrder) {
  const Selection s{.versions = kAllVersions,
                    .only = {"ack", "nosuch", "connect/*", "ack/zzz*", "*@1.2"},
                    .exclude = {}};
  EXPECT_EQ(unmatched_only(catalogue(), s), (std::vector<std::string>{"nosuch", "ack/zzz*"}));
  EXPECT_TRUE(unmatched_only(catalogue(), {}).empty());
}

TEST(UnmatchedOnly, APatternOnlyForAnUnselectedVersionMatchesNothing) {
  const Selection s{.versions = {stomp::Version::V1_2}, .only = {"*@1.0"}, .exclude = {}};
  EXPECT_EQ(unmatched_only(catalogue(), s), std::vector<std::string>{"*@1.0"});
}

TEST(UnmatchedOnly, ExcludeDoesNotMakeAPatternUnmatched) {
  const Selection s{.versions = kAllVersions, .only = {"ack"}, .exclude = {"ack/*"}};
  EXPECT_TRUE(unmatched_only(catalogue(), s).empty());
  EXPECT_TRUE(select(catalogue(), s).empty());  // then run says "no scenario matches"
}

}  // namespace
}  // namespace stompcheck
