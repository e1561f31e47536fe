// The one renderer of ring3's pictures (ring3/loader/picture.hpp): rows of
// boxes and arrows as Unicode box drawing, as ASCII, or as SVG.
#include <ring3/format.hpp>
#include <ring3/loader/picture.hpp>

namespace ring3::loader {

bool parse_picture_form(bool has_value, Str value, bool stdout_is_tty, PictureForm* form) {
    if (!has_value)
        *form = stdout_is_tty ? PictureForm::unicode : PictureForm::ascii;
    else if (value == "unicode")
        *form = PictureForm::unicode;
    else if (value == "ascii")
        *form = PictureForm::ascii;
    else if (value == "svg")
        *form = PictureForm::svg;
    else
        return false;
    return true;
}

bool parse_picture_option(Str arg, bool stdout_is_tty, PictureForm* form) {
    if (arg == "--svg") return parse_picture_form(true, "svg", stdout_is_tty, form);
    if (arg == "--picture") return parse_picture_form(false, {}, stdout_is_tty, form);
    if (!arg.starts_with("--picture=")) return false;
    return parse_picture_form(true, arg.substr(10), stdout_is_tty, form);
}

PictureRow& Picture::add() {
    if (n < max_rows) return rows[n++];
    truncated = true;
    return rows[max_rows - 1];
}

namespace {

struct Colours {
    const char* stroke;
    const char* fill;
};
// Stroke and fill of each Tint, in the order of the enum.
constexpr Colours colours[] = {
    {"#555555", "#ffffff"}, // none
    {"#2f62c8", "#dce6fa"}, // read: r--
    {"#d9482b", "#fbe0da"}, // exec: r-x
    {"#2a9440", "#dcf2e0"}, // write: rw-
    {"#8a55b5", "#efe4f7"}, // zero: anonymous zero pages, padding
    {"#b7860b", "#fbf0d2"}, // stack
    {"#5a6b7d", "#e6ebf0"}, // special: vDSO, vvar, vsyscall
    {"#a0a0a0", "#ffffff"}, // gap
};

// Display width of UTF-8 text: one column per character.
std::size_t width(Str s) {
    std::size_t w = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++w;
    return w;
}

void repeat(OutStream& out, const char* glyph, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out << glyph;
}

void padded(OutStream& out, Str s, std::size_t w, bool right_align = false) {
    std::size_t have = width(s);
    if (right_align) repeat(out, " ", w > have ? w - have : 0);
    out << s;
    if (!right_align) repeat(out, " ", w > have ? w - have : 0);
}

struct Widths {
    std::size_t left = 0, box = 0, arrow = 0, right = 0;
    bool two_columns = false;
};

Widths measure(const Picture& p) {
    Widths w;
    w.box = width(p.box_head.str());
    w.left = width(p.left_head.str());
    w.right = width(p.right_head.str());
    for (int i = 0; i < p.n; ++i) {
        const PictureRow& r = p.rows[i];
        if (width(r.left.str()) > w.left) w.left = width(r.left.str());
        if (width(r.box.str()) > w.box) w.box = width(r.box.str());
        if (width(r.arrow.str()) > w.arrow) w.arrow = width(r.arrow.str());
        if (width(r.right.str()) > w.right) w.right = width(r.right.str());
        if (!r.right.str().empty()) w.two_columns = true;
    }
    return w;
}

struct Glyphs {
    const char *h, *v, *dotted, *tl, *tr, *bl, *br, *lt, *rt, *head;
};
constexpr Glyphs unicode_glyphs = {"─", "│", "┆", "┌", "┐", "└", "┘", "├", "┤", "▶"};
constexpr Glyphs ascii_glyphs = {"-", "|", ":", "+", "+", "+", "+", "+", "+", ">"};

// A rule of a box `inner` columns wide: corners by position.
void rule(OutStream& out, const Glyphs& g, std::size_t inner, const char* l, const char* r) {
    out << l;
    repeat(out, g.h, inner + 2);
    out << r;
}

void draw_text(OutStream& out, const Picture& p, const Glyphs& g) {
    Widths w = measure(p);
    if (!p.title.str().empty()) out << p.title.str() << '\n';
    if (!p.box_head.str().empty() || !p.right_head.str().empty()) {
        padded(out, p.left_head.str(), w.left, true);
        out << "   ";
        padded(out, p.box_head.str(), w.box + 2);
        if (w.two_columns) {
            repeat(out, " ", w.arrow + 6);
            out << ' ' << p.right_head.str();
        }
        out << '\n';
    }
    auto has = [](const PictureRow* r) { return r && !r->no_box; };
    auto has_right = [](const PictureRow* r) { return r && !r->right.str().empty(); };
    for (int i = 0; i <= p.n; ++i) {
        const PictureRow* r = i < p.n ? &p.rows[i] : nullptr;
        const PictureRow* above = i > 0 ? &p.rows[i - 1] : nullptr;
        // The rule above row i (or below the last row): corners by what
        // is above and below it.
        bool left_rule = has(r) != has(above) || (has(r) && r->new_box);
        bool right_rule = w.two_columns && (has_right(r) || has_right(above));
        if (left_rule || right_rule) {
            repeat(out, " ", w.left + 2);
            if (left_rule)
                rule(out, g, w.box,
                     !has(above) ? g.tl
                     : !has(r)   ? g.bl
                                 : g.lt,
                     !has(above) ? g.tr
                     : !has(r)   ? g.br
                                 : g.rt);
            else if (has(r)) {
                out << g.v;
                repeat(out, " ", w.box + 2);
                out << g.v;
            } else
                repeat(out, " ", w.box + 4);
            if (right_rule) {
                repeat(out, " ", w.arrow + 6);
                rule(out, g, w.right,
                     !has_right(above) ? g.tl
                     : !has_right(r)   ? g.bl
                                       : g.lt,
                     !has_right(above) ? g.tr
                     : !has_right(r)   ? g.br
                                       : g.rt);
            }
            out << '\n';
        }
        if (!r) break;
        padded(out, r->left.str(), w.left, !r->marker);
        out << "  ";
        const char* side = r->gap ? g.dotted : g.v;
        if (r->no_box) {
            repeat(out, " ", w.box + 4);
        } else {
            out << side << ' ';
            padded(out, r->box.str(), w.box);
            out << ' ' << side;
        }
        if (w.two_columns) {
            if (!r->arrow.str().empty()) {
                out << ' ' << g.h << ' ' << r->arrow.str() << ' ';
                repeat(out, g.h, w.arrow - width(r->arrow.str()));
                out << g.head << ' ';
            } else {
                repeat(out, " ", w.arrow + 6);
            }
            if (!r->right.str().empty()) {
                out << g.v << ' ';
                padded(out, r->right.str(), w.right);
                out << ' ' << g.v;
            } else if (!r->note.str().empty()) {
                repeat(out, " ", w.right + 4);
            }
        }
        if (!r->note.str().empty()) out << "  " << r->note.str();
        out << '\n';
    }
    if (p.truncated) out << "(more rows than the picture holds: the last ones are left out)\n";
}

// SVG geometry: a monospace font, one character 8 px wide, rows 26 px.
constexpr unsigned char_w = 8, row_h = 26, top = 52;

void text_at(OutStream& out, unsigned x, unsigned y, Str s, const char* anchor = "start",
             const char* extra = "") {
    out << "<text x=\"" << x << "\" y=\"" << y << "\" text-anchor=\"" << anchor << '"' << extra
        << '>';
    svg_escape(out, s);
    out << "</text>\n";
}

void rect(OutStream& out, const char* id, int index, unsigned x, unsigned y, unsigned w, unsigned h,
          Tint t, bool dashed) {
    const Colours& c = colours[static_cast<int>(t)];
    out << "<rect id=\"" << id << '-' << index << "\" x=\"" << x << "\" y=\"" << y << "\" width=\""
        << w << "\" height=\"" << h << "\" fill=\"" << c.fill << "\" stroke=\"" << c.stroke
        << "\" stroke-width=\"1.5\"" << (dashed ? " stroke-dasharray=\"4 3\"" : "") << "/>\n";
}

void draw_svg(OutStream& out, const Picture& p) {
    Widths w = measure(p);
    if (w.arrow < 10) w.arrow = 10;
    unsigned x_left = 10 + static_cast<unsigned>(w.left) * char_w; // right edge of `left`
    unsigned x_box = x_left + 12, box_w = static_cast<unsigned>(w.box + 2) * char_w;
    unsigned x_arrow = x_box + box_w, arrow_w = static_cast<unsigned>(w.arrow + 4) * char_w;
    unsigned x_right = x_arrow + arrow_w, right_w = static_cast<unsigned>(w.right + 2) * char_w;
    unsigned x_note = (w.two_columns ? x_right + right_w : x_box + box_w) + 12;
    std::size_t note_w = 0;
    for (int i = 0; i < p.n; ++i)
        if (width(p.rows[i].note.str()) > note_w) note_w = width(p.rows[i].note.str());
    unsigned width_px = x_note + static_cast<unsigned>(note_w) * char_w + 10;
    unsigned title_px = 20 + static_cast<unsigned>(width(p.title.str())) * char_w;
    if (title_px > width_px) width_px = title_px;
    unsigned height_px = top + static_cast<unsigned>(p.n) * row_h + 20;
    out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width_px << "\" height=\""
        << height_px << "\" viewBox=\"0 0 " << width_px << ' ' << height_px
        << "\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"13\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    text_at(out, 10, 20, p.title.str(), "start", " font-weight=\"bold\"");
    text_at(out, x_left, top - 8, p.left_head.str(), "end", " fill=\"#555555\"");
    text_at(out, x_box + 4, top - 8, p.box_head.str(), "start", " fill=\"#555555\"");
    if (w.two_columns)
        text_at(out, x_right + 4, top - 8, p.right_head.str(), "start", " fill=\"#555555\"");
    // The left boxes: one rectangle per run of rows that share a box.
    for (int i = 0; i < p.n;) {
        int end = i + 1;
        if (p.rows[i].no_box) {
            i = end;
            continue;
        }
        while (end < p.n && !p.rows[end].new_box) ++end;
        rect(out, "box", i, x_box, top + static_cast<unsigned>(i) * row_h, box_w,
             static_cast<unsigned>(end - i) * row_h, p.rows[i].gap ? Tint::gap : p.rows[i].tint,
             p.rows[i].gap);
        i = end;
    }
    for (int i = 0; i < p.n; ++i) {
        const PictureRow& r = p.rows[i];
        unsigned y = top + static_cast<unsigned>(i) * row_h, mid = y + row_h / 2;
        const Colours& c = colours[static_cast<int>(r.tint)];
        text_at(out, x_left, mid + 4, r.left.str(), "end",
                r.marker ? " font-weight=\"bold\" fill=\"#b00020\"" : "");
        text_at(out, x_box + 8, mid + 4, r.box.str(), "start", r.gap ? " fill=\"#777777\"" : "");
        if (!r.arrow.str().empty()) {
            unsigned x1 = x_arrow + 4, x2 = x_right - 12;
            out << "<line id=\"arrow-" << i << "\" x1=\"" << x1 << "\" y1=\"" << mid << "\" x2=\""
                << x2 << "\" y2=\"" << mid << "\" stroke=\"" << c.stroke
                << "\" stroke-width=\"4\"/>\n"
                << "<polygon points=\"" << x2 << ',' << mid - 7 << ' ' << x_right - 2 << ',' << mid
                << ' ' << x2 << ',' << mid + 7 << "\" fill=\"" << c.stroke << "\"/>\n";
            text_at(out, (x1 + x2) / 2, mid - 6, r.arrow.str(), "middle",
                    " font-size=\"11\" fill=\"#333333\"");
        }
        if (!r.right.str().empty()) {
            rect(out, "right", i, x_right, y, right_w, row_h, r.tint, false);
            text_at(out, x_right + 8, mid + 4, r.right.str());
        }
        if (!r.note.str().empty())
            text_at(out, x_note, mid + 4, r.note.str(), "start", " fill=\"#333333\"");
    }
    out << "</svg>\n";
}

} // namespace

const char* tint_colour(Tint t) { return colours[static_cast<int>(t)].stroke; }

void svg_escape(OutStream& out, Str s) {
    for (char c : s) {
        if (c == '&')
            out << "&amp;";
        else if (c == '<')
            out << "&lt;";
        else if (c == '>')
            out << "&gt;";
        else if (c == '"')
            out << "&quot;";
        else
            out << c;
    }
}

void draw(OutStream& out, const Picture& p, PictureForm form) {
    if (form == PictureForm::svg)
        draw_svg(out, p);
    else
        draw_text(out, p, form == PictureForm::unicode ? unicode_glyphs : ascii_glyphs);
}

} // namespace ring3::loader
