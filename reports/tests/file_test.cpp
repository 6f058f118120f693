// write_atomically: the content lands whole, no temporary file stays behind, failures are values.
#include "reports/file.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace stompcheck::reports {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
class WriteAtomically : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("stompcheck-reports-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The names in `dir` (recursively), sorted.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      names.push_back(fs::relative(entry.path(), dir_).string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  static std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }

  fs::path dir_;
};

TEST_F(WriteAtomically, ContentLandsAndNoTemporaryRemains) {
  const std::string path = (dir_ / "run.json").string();
  const std::string content("{\"a\":1}\n\0tail", 13);
  const WriteResult result = write_atomically(path, content);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.error, "");
  EXPECT_EQ(read(path), content);
  EXPECT_EQ(entries(), std::vector<std::string>{"run.json"});
}

TEST_F(WriteAtomically, ReplacesAnExistingFile) {
  const std::string path = (dir_ / "run.xml").string();
  ASSERT_TRUE(write_atomically(path, "a much longer first version\n").ok);
  ASSERT_TRUE(write_atomically(path, "second\n").ok);
  EXPECT_EQ(read(path), "second\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"run.xml"});
}

TEST_F(WriteAtomically, EmptyContentGivesAnEmptyFile) {
  const std::string path = (dir_ / "empty").string();
  ASSERT_TRUE(write_atomically(path, "").ok);
  EXPECT_TRUE(fs::is_regular_file(path));
  EXPECT_EQ(fs::file_size(path), 0U);
}

TEST_F(WriteAtomically, CreatesMissingParentDirectories) {
  const std::string path = (dir_ / "out" / "reports" / "run.json").string();
  const WriteResult result = write_atomically(path, "x");
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(read(path), "x");
}

TEST_F(WriteAtomically, UnwritablePathFailsNamingThePath) {
  // A regular file where a directory should be: no directory can be made below it (even root).
  ASSERT_TRUE(write_atomically((dir_ / "file").string(), "x").ok);
  const std::string path = (dir_ / "file" / "run.json").string();
  const WriteResult result = write_atomically(path, "content");
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("'" + path + "'"), std::string::npos) << result.error;
  EXPECT_NE(result.error.find("directory"), std::string::npos) << result.error;
  EXPECT_EQ(entries(), std::vector<std::string>{"file"});
}

TEST_F(WriteAtomically, FailedRenameRemovesTheTemporary) {
  // rename() cannot replace a non-empty directory by a file.
  const fs::path target = dir_ / "run.json";
  fs::create_directories(target / "child");
  const WriteResult result = write_atomically(target.string(), "content");
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("'" + target.string() + "': rename: "), std::string::npos)
      << result.error;
  EXPECT_EQ(entries(), (std::vector<std::string>{"run.json", "run.json/child"}));
}

TEST_F(WriteAtomically, EmptyPathFails) {
  const WriteResult result = write_atomically("", "content");
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("cannot write ''"), std::string::npos) << result.error;
}

// check_writable: the preflight of a report path, before any case runs.
using CheckWritable = WriteAtomically;

TEST_F(CheckWritable, ANewFileInAnExistingOrMissingDirectoryIsFineAndNothingStays) {
  EXPECT_TRUE(check_writable((dir_ / "run.json").string()).ok);
  EXPECT_TRUE(check_writable((dir_ / "out" / "deeper" / "run.json").string()).ok);
  ASSERT_TRUE(write_atomically((dir_ / "old.json").string(), "x").ok);
  EXPECT_TRUE(check_writable((dir_ / "old.json").string()).ok);  // replaced, as write does
  EXPECT_EQ(entries(), std::vector<std::string>{"old.json"});
}

TEST_F(CheckWritable, EachBadPathFailsNamingThePathAndWhy) {
  ASSERT_TRUE(write_atomically((dir_ / "file").string(), "x").ok);
  const auto fails = [](const std::string& path, const std::string& why) {
    const WriteResult r = check_writable(path);
    EXPECT_FALSE(r.ok) << path;
    EXPECT_EQ(r.error.rfind("cannot write '" + path + "': ", 0), 0U) << r.error;
    EXPECT_NE(r.error.find(why), std::string::npos) << r.error;
  };
  fails("", "the path is empty");
  fails(dir_.string(), "it is a directory");
  fails((dir_ / "missing").string() + "/", "ends with '/'");
  fails((dir_ / "file" / "run.json").string(),
        "'" + (dir_ / "file").string() + "' is not a directory");
  fails((dir_ / "file" / "a" / "run.json").string(), "is not a directory");
  fails("/dev/null", "not a regular file");
  fails("/proc/stompcheck/run.json", "cannot create a file in '/proc'");
  EXPECT_EQ(entries(), std::vector<std::string>{"file"});
}

}  // namespace
}  // namespace stompcheck::reports
