// SPDX-License-Identifier: MIT
#include <quantkit/regression/serialize.hpp>

#include <doctest/doctest.h>

#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace rg = quantkit::regression;

namespace {

// A toy model exercising every primitive of the format.
template <std::uint32_t Version>
struct toy {
  static constexpr std::string_view kind = "toy";
  static constexpr std::uint32_t format_version = Version;
  double a = 0.0;
  std::uint64_t u = 0;
  std::int64_t i = 0;
  bool flag = false;
  std::string name;
  Eigen::VectorXd v;
  Eigen::MatrixXd m;
  std::vector<double> s;

  void save_payload(rg::model_writer& w) const {
    w.put(a);
    w.put(u);
    w.put(i);
    w.put_bool(flag);
    w.put(name);
    w.put(v);
    w.put(m);
    w.put(std::span<const double>(s));
  }
  static toy load_payload(rg::model_reader& r) {
    toy t;
    t.a = r.get_double();
    t.u = r.get_u64();
    t.i = r.get_i64();
    t.flag = r.get_bool();
    t.name = r.get_string();
    t.v = r.get_vector();
    t.m = r.get_matrix();
    t.s = r.get_doubles();
    return t;
  }
};
using toy1 = toy<1>;

struct other {
  static constexpr std::string_view kind = "other";
  static constexpr std::uint32_t format_version = 1;
  void save_payload(rg::model_writer&) const {}
  static other load_payload(rg::model_reader&) { return {}; }
};

// Reads one double more than was written.
struct greedy {
  static constexpr std::string_view kind = "toy";
  static constexpr std::uint32_t format_version = 1;
  static greedy load_payload(rg::model_reader& r) {
    (void)toy1::load_payload(r);
    (void)r.get_double();
    return {};
  }
  void save_payload(rg::model_writer&) const {}
};

// Reads only the first double.
struct lazy {
  static constexpr std::string_view kind = "toy";
  static constexpr std::uint32_t format_version = 1;
  static lazy load_payload(rg::model_reader& r) {
    (void)r.get_double();
    return {};
  }
  void save_payload(rg::model_writer&) const {}
};

toy1 sample() {
  toy1 t;
  t.a = -0.1;
  t.u = 0xFFFFFFFFFFFFFFFFULL;
  t.i = -42;
  t.flag = true;
  t.name = "hello";
  t.v = Eigen::VectorXd::LinSpaced(5, -1.0, 1.0);
  t.m.resize(2, 3);
  t.m << 1, 2, 3, 4, 5, std::numeric_limits<double>::denorm_min();
  t.s = {std::numeric_limits<double>::infinity(), 0.5};
  return t;
}

std::string message_of_load(const std::string& bytes) {
  try {
    (void)rg::from_bytes<toy1>(bytes);
  } catch (const rg::model_format_error& e) {
    return e.what();
  }
  return "no exception";
}

void put_u32_at(std::string& b, std::size_t at, std::uint32_t v) {
  for (std::size_t k = 0; k < 4; ++k) b[at + k] = static_cast<char>((v >> (8 * k)) & 0xFFU);
}
void reseal(std::string& b) {  // recompute the checksum after a deliberate edit
  b.resize(b.size() - 8);
  const std::uint64_t h = rg::detail::fnv1a64(b);
  for (int k = 0; k < 8; ++k) b.push_back(static_cast<char>((h >> (8 * k)) & 0xFFU));
}

}  // namespace

static_assert(rg::serializable_model<toy1>);

TEST_CASE("serialize - FNV-1a-64 test vectors") {
  // Published FNV-1a 64-bit test vectors (Fowler/Noll/Vo reference test suite).
  CHECK(rg::detail::fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(rg::detail::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(rg::detail::fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("serialize - header layout and exact round trip") {
  const toy1 t = sample();
  const std::string b = rg::to_bytes(t);
  // magic, version 1, kind length 3 "toy", model version 1
  CHECK(b.substr(0, 8) == std::string("QKMODEL\0", 8));
  CHECK(b[8] == 1);
  CHECK(b[12] == 3);
  CHECK(b.substr(20, 3) == "toy");
  CHECK(b[23] == 1);
  // payload: 4 scalars (32) + string (8 + 5) + vector (8 + 40) + matrix (16 + 48) + span (8 + 16)
  const std::uint64_t payload = 32 + 13 + 48 + 64 + 24;
  CHECK(static_cast<unsigned char>(b[27]) == payload);
  CHECK(b.size() == 35 + payload + 8);
  const toy1 r = rg::from_bytes<toy1>(b);
  CHECK(r.a == t.a);
  CHECK(r.u == t.u);
  CHECK(r.i == t.i);
  CHECK(r.flag);
  CHECK(r.name == "hello");
  CHECK(r.v == t.v);
  CHECK(r.m == t.m);
  CHECK(r.s == t.s);
  CHECK(rg::to_bytes(r) == b);
}

TEST_CASE("serialize - every truncation throws") {
  const std::string b = rg::to_bytes(sample());
  for (std::size_t len = 0; len < b.size(); ++len) {
    CAPTURE(len);
    CHECK_THROWS_AS((void)rg::from_bytes<toy1>(b.substr(0, len)), rg::model_format_error);
  }
  CHECK(message_of_load(b.substr(0, 10)) ==
        "quantkit::regression::load: <bytes>: byte 8: truncated: the file ends inside the header "
        "(10 bytes)");
  CHECK(message_of_load(b.substr(0, b.size() - 1)).find("truncated") != std::string::npos);
}

TEST_CASE("serialize - every single corrupted byte throws") {
  const std::string b = rg::to_bytes(sample());
  for (std::size_t at = 0; at < b.size(); ++at) {
    std::string c = b;
    c[at] = static_cast<char>(c[at] ^ 0x10);
    CAPTURE(at);
    CHECK_THROWS_AS((void)rg::from_bytes<toy1>(c), rg::model_format_error);
  }
  std::string c = b;
  c[40] = static_cast<char>(c[40] ^ 1);
  const std::string msg = message_of_load(c);
  CHECK(msg == "quantkit::regression::load: <bytes>: byte " + std::to_string(b.size() - 8) +
                   ": checksum mismatch: the file is corrupted");
}

TEST_CASE("serialize - not a model, wrong version, wrong kind, trailing bytes") {
  const std::string b = rg::to_bytes(sample());
  CHECK(message_of_load("hello world, this is not a model") ==
        "quantkit::regression::load: <bytes>: byte 0: not a quantkit model file (missing the "
        "\"QKMODEL\" magic bytes)");
  std::string v2 = b;
  put_u32_at(v2, 8, 2);
  reseal(v2);
  CHECK(message_of_load(v2) ==
        "quantkit::regression::load: <bytes>: byte 8: unsupported container format version 2 "
        "(this build reads version 1)");
  toy<2> newer;
  newer.v = Eigen::VectorXd::Zero(1);
  CHECK(message_of_load(rg::to_bytes(newer)) ==
        "quantkit::regression::load: <bytes>: byte 23: unsupported \"toy\" model version 2 (this "
        "build reads version 1)");
  CHECK(message_of_load(rg::to_bytes(other{})) ==
        "quantkit::regression::load: <bytes>: byte 20: wrong model kind: the file holds a "
        "\"other\" model, expected \"toy\"");
  try {
    (void)rg::from_bytes<toy1>(rg::to_bytes(other{}));
  } catch (const rg::model_format_error& e) {
    CHECK(e.offset() == 20);
    CHECK(e.field() == "kind");
    CHECK(e.source() == "<bytes>");
  }
  CHECK(message_of_load(b + "xy").find("2 unexpected trailing bytes") != std::string::npos);
  // model_format_error is a data_error and a quantkit::error
  CHECK_THROWS_AS((void)rg::from_bytes<toy1>(b + "x"), quantkit::data_error);
}

TEST_CASE("serialize - payload over-read and under-read are errors") {
  const std::string b = rg::to_bytes(sample());
  try {
    (void)rg::from_bytes<greedy>(b);
    CHECK(false);
  } catch (const rg::model_format_error& e) {
    CHECK(std::string(e.what()) ==
          "quantkit::regression::model_reader: <bytes>: byte " + std::to_string(b.size() - 8) +
              ": truncated: reading a double needs 8 bytes, 0 left");
  }
  CHECK_THROWS_AS((void)rg::from_bytes<lazy>(b), rg::model_format_error);
}

TEST_CASE("serialize - reader rejects oversized counts and bad bools") {
  rg::model_writer w;
  w.put(static_cast<std::uint64_t>(1) << 60);  // absurd vector length
  rg::model_reader r(w.bytes());
  CHECK_THROWS_AS((void)r.get_vector(), rg::model_format_error);
  rg::model_reader r2(w.bytes());
  CHECK_THROWS_AS((void)r2.get_matrix(), rg::model_format_error);
  rg::model_reader r3(w.bytes());
  CHECK_THROWS_AS((void)r3.get_bool(), rg::model_format_error);
  rg::model_reader r4(w.bytes());
  CHECK_THROWS_AS((void)r4.get_size(1000, "node count"), rg::model_format_error);
  rg::model_reader r5(w.bytes());
  CHECK(r5.get_size(static_cast<std::uint64_t>(1) << 60, "n") == static_cast<std::uint64_t>(1) << 60);
}

TEST_CASE("serialize - save and load through a file") {
  const auto dir = std::filesystem::temp_directory_path() / "quantkit_test_serialize";
  std::filesystem::create_directories(dir);
  const auto path = dir / "toy.qkm";
  const toy1 t = sample();
  rg::save(t, path);
  CHECK_FALSE(std::filesystem::exists(dir / "toy.qkm.tmp"));
  const toy1 r = rg::load<toy1>(path);
  CHECK(r.m == t.m);
  CHECK(r.name == t.name);
  // a truncated file on disk names the path
  {
    std::string b = rg::to_bytes(t);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(b.data(), 30);
  }
  try {
    (void)rg::load<toy1>(path);
    CHECK(false);
  } catch (const rg::model_format_error& e) {
    CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
    CHECK(e.source() == path.string());
  }
  CHECK_THROWS_AS((void)rg::load<toy1>(dir / "missing.qkm"), quantkit::invalid_argument);
  CHECK_THROWS_AS(rg::save(t, dir / "no_such_dir" / "x.qkm"), quantkit::invalid_argument);
  std::filesystem::remove_all(dir);
}
