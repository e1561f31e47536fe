// <tuple>, <utility>, <optional>, <variant>, <any>, <memory>,
// <functional>.
#include "emit.hpp"
#include <any>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace {

struct Counted {
    static inline int alive = 0;
    int id;
    explicit Counted(int i) : id(i) { ++alive; }
    ~Counted() { --alive; }
};

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
};
struct Square : Shape {
    double side;
    explicit Square(double s) : side(s) {}
    double area() const override { return side * side; }
};

int add(int a, int b) { return a + b; }

} // namespace

int main() {
    section("tuple and utility");
    auto t = std::make_tuple(1, std::string("two"), 3.5);
    auto [one, two, three] = t;
    out << one << ' ' << two << ' ' << three << ' ' << std::tuple_size_v<decltype(t)> << '\n';
    std::pair<int, std::string> p{7, "seven"};
    auto p2 = p;
    std::swap(p.first, p2.first);
    out << p.first << p.second << ' ' << (p == p2) << ' ' << std::get<1>(t) << '\n';
    int x = 5;
    int old = std::exchange(x, 9);
    out << old << ' ' << x << ' ' << std::apply(add, std::make_tuple(2, 3)) << '\n';

    section("optional");
    std::optional<std::string> o;
    out << o.has_value() << ' ' << o.value_or("none") << '\n';
    o = "present";
    out << *o << ' ' << o->size() << '\n';
    o.reset();
    out << static_cast<bool>(o) << '\n';

    section("variant");
    std::variant<int, std::string, double> var = 42;
    auto show = [](const auto& value) {
        out << "visit ";
        out << value;
        out << '\n';
    };
    std::visit(show, var);
    var = std::string("text");
    std::visit(show, var);
    var = 2.5;
    out << var.index() << ' ' << std::holds_alternative<double>(var) << ' ' << std::get<double>(var)
        << ' ' << (std::get_if<int>(&var) == nullptr) << '\n';

    section("any");
    std::any a = 1;
    out << a.has_value() << ' ' << std::any_cast<int>(a) << '\n';
    a = std::string("any string");
    out << std::any_cast<std::string&>(a) << ' ' << (std::any_cast<int>(&a) == nullptr) << '\n';
    a.reset();
    out << a.has_value() << '\n';

    section("memory");
    {
        auto u = std::make_unique<Counted>(1);
        auto sp = std::make_shared<Counted>(2);
        std::shared_ptr<Counted> sp2 = sp;
        std::weak_ptr<Counted> w = sp;
        out << Counted::alive << ' ' << sp.use_count() << ' ' << w.expired() << '\n';
        sp.reset();
        out << sp2.use_count() << ' ' << w.lock()->id << '\n';
        sp2.reset();
        out << w.expired() << ' ' << Counted::alive << '\n';
        std::unique_ptr<int[]> arr(new int[4]{1, 2, 3, 4});
        out << arr[3] << '\n';
        std::shared_ptr<Shape> shape = std::make_shared<Square>(3);
        out << shape->area() << '\n';
        std::vector<std::unique_ptr<Shape>> shapes;
        for (int i = 1; i <= 3; ++i) shapes.push_back(std::make_unique<Square>(i));
        double total = 0;
        for (const auto& s : shapes) total += s->area();
        out << total << '\n';
        auto with_deleter = std::shared_ptr<int>(new int(5), [](int* q) {
            out << "deleted " << *q << '\n';
            delete q;
        });
    }
    out << Counted::alive << '\n';

    section("functional");
    std::function<int(int)> f = [](int v) { return v * 2; };
    out << f(21) << ' ' << static_cast<bool>(f) << '\n';
    std::function<int(int, int)> g = add;
    out << g(3, 4) << ' ' << std::invoke(add, 5, 6) << '\n';
    auto bound = std::bind_front(add, 10);
    out << bound(5) << '\n';
    std::vector<std::function<std::string(std::string)>> pipeline{
        [](std::string s) { return s + "a"; }, [](std::string s) { return s + s; }};
    std::string acc = "x";
    for (auto& step : pipeline) acc = step(acc);
    out << acc << '\n';
    out << std::hash<std::string>{}("hash me") << ' ' << std::hash<int>{}(42) << ' '
        << std::hash<std::string_view>{}("hash me") << ' ' << std::hash<double>{}(1.5) << '\n';
    out << std::plus<>{}(2, 3) << ' ' << std::less<>{}(2, 3) << '\n';
    out.flush();
    return 0;
}
