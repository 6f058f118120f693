// The profile's nack key (GRADING.md §10.10): its three values, and anything else refused.
#include "scenarios/profile.hpp"

#include <cstdio>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace stompcheck {
namespace {

ProfileLoad load_text(const std::string& json) {
  const std::string path = testing::TempDir() + "stompcheck-profile-test.json";
  std::ofstream(path) << json;
  ProfileLoad p = load_profile(path);
  std::remove(path.c_str());
  return p;
}

TEST(ProfileNack, EachValueLoads) {
  for (NackOutcome n : {NackOutcome::Redeliver, NackOutcome::Discard, NackOutcome::DeadLetter}) {
    const ProfileLoad p = load_text(R"({"nack": ")" + std::string(to_string(n)) + R"("})");
    ASSERT_TRUE(p.error.empty()) << p.error;
    EXPECT_EQ(p.profile.nack, n);
  }
}

TEST(ProfileNack, AbsentIsUnknown) {
  const ProfileLoad p = load_text(R"({"redelivers": true})");
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_FALSE(p.profile.nack.has_value());
}

TEST(ProfileNack, OtherValuesAreRefused) {
  for (const char* bad : {R"({"nack": "requeue"})", R"({"nack": true})", R"({"nack": ""})"}) {
    const ProfileLoad p = load_text(bad);
    EXPECT_NE(p.error.find("'nack'"), std::string::npos) << bad << ": " << p.error;
  }
}

TEST(ProfileNack, TheReferenceBrokerRedelivers) {
  EXPECT_EQ(reference_profile().nack, NackOutcome::Redeliver);
}

}  // namespace
}  // namespace stompcheck
