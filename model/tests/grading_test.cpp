// The one grading table, alone and through the catalogue's levels.
#include "model/grading.hpp"

#include <array>
#include <stdexcept>

#include <gtest/gtest.h>

#include "model/requirements.hpp"

namespace stompcheck {
namespace {

using stomp::Version;

struct Row {
  Level level;
  Seen seen;
  Verdict verdict;
};

// Every (Level, Seen) pair.
constexpr std::array kTable = {
    Row{Level::Must, Seen::Met, Verdict::Pass},
    Row{Level::Should, Seen::Met, Verdict::Pass},
    Row{Level::May, Seen::Met, Verdict::Pass},
    Row{Level::Info, Seen::Met, Verdict::Pass},
    Row{Level::Must, Seen::Broken, Verdict::Fail},
    Row{Level::Should, Seen::Broken, Verdict::NonStrict},
    Row{Level::May, Seen::Broken, Verdict::Unsupported},
    Row{Level::Info, Seen::Broken, Verdict::Info},
    Row{Level::Must, Seen::Lingering, Verdict::NonStrict},
    Row{Level::Should, Seen::Lingering, Verdict::NonStrict},
    Row{Level::May, Seen::Lingering, Verdict::NonStrict},
    Row{Level::Info, Seen::Lingering, Verdict::Info},
    Row{Level::Must, Seen::Noted, Verdict::Info},
    Row{Level::Should, Seen::Noted, Verdict::Info},
    Row{Level::May, Seen::Noted, Verdict::Info},
    Row{Level::Info, Seen::Noted, Verdict::Info},
};

TEST(Grading, EveryLevelAndSeenPair) {
  for (const Row& r : kTable) {
    EXPECT_EQ(grade(r.level, r.seen), r.verdict)
        << to_string(r.level) << " seen " << static_cast<int>(r.seen);
  }
}

TEST(Grading, CloseAfterErrorThroughTheCatalogue) {
  // ER-01: a MUST in 1.2, a SHOULD in 1.1, absent from 1.0.
  EXPECT_EQ(grade("ER-01", Version::V1_2, Seen::Broken), Verdict::Fail);
  EXPECT_EQ(grade("ER-01", Version::V1_1, Seen::Broken), Verdict::NonStrict);
  EXPECT_EQ(grade("ER-01", Version::V1_0, Seen::Broken), Verdict::Info);
  EXPECT_EQ(grade("ER-01", Version::V1_2, Seen::Met), Verdict::Pass);
  EXPECT_EQ(grade("ER-01", Version::V1_2, Seen::Lingering), Verdict::NonStrict);
  EXPECT_EQ(grade("ER-01", Version::V1_0, Seen::Lingering), Verdict::Info);
}

TEST(Grading, StompFrameThroughTheCatalogue) {
  // CN-01: "STOMP servers SHOULD handle a STOMP frame ..." (1.1), "MUST" (1.2).
  EXPECT_EQ(level_at("CN-01", Version::V1_1), Level::Should);
  EXPECT_EQ(grade("CN-01", Version::V1_1, Seen::Broken), Verdict::NonStrict);
  EXPECT_EQ(grade("CN-01", Version::V1_2, Seen::Broken), Verdict::Fail);
  EXPECT_EQ(grade("CN-01", Version::V1_0, Seen::Broken), Verdict::Info);  // no STOMP in 1.0
}

TEST(Grading, OtherLevelsThroughTheCatalogue) {
  EXPECT_EQ(grade("SB-10", Version::V1_2, Seen::Broken), Verdict::Unsupported);  // MAY
  EXPECT_EQ(grade("RC-03", Version::V1_2, Seen::Broken), Verdict::Info);         // INFO
  EXPECT_EQ(grade("MS-04", Version::V1_0, Seen::Broken), Verdict::NonStrict);    // 1.0 should
  EXPECT_EQ(grade("MS-04", Version::V1_1, Seen::Broken), Verdict::Fail);
  EXPECT_EQ(grade("RC-01", Version::V1_0, Seen::Noted), Verdict::Info);
}

TEST(Grading, UnknownRequirementThrows) {
  EXPECT_THROW(grade("ZZ-00", Version::V1_2, Seen::Met), std::logic_error);
}

}  // namespace
}  // namespace stompcheck
