#include "copy.hpp"

#include "quote.hpp"
#include <ring3/fdio.hpp>
#include <ring3/startup.hpp>
#include <ring3/stream.hpp>

using namespace ring3;

namespace cat {

namespace {

constexpr int out_fd = 1;

// read/write and the transforming loop read 128 KiB at a time: large
// enough that system calls cost little, small enough that the data is
// still in the L2 cache when it is written out again.
constexpr std::size_t in_size = 128 * 1024;
// The output stream's buffer: room for what one read becomes in the
// transforming loop, up to four bytes per input byte with -v (many short
// numbered lines can need more: they go out in more than one write).
// read/write reads into it directly.
constexpr std::size_t out_size = 4 * in_size + 4096;
alignas(4096) unsigned char in_buf[in_size];
alignas(4096) char out_buf[out_size];

// Standard output: a stream over cat's own buffer, fully buffered, and
// flushed after every read(2), so that output keeps pace with an
// interactive input and nothing is left in it when a zero-copy call
// writes to fd 1 behind its back. Not io::out: with SIGPIPE ignored, cat
// reports EPIPE as "cat: write error: Broken pipe" (GNU cat does), where
// io::out would end the program without a word.
[[clang::no_destroy]] constinit OutStream out(out_fd, out_buf, out_size, Buffering::full);

// Writes what `out` holds, or ends the program through write_failed().
void flush_output() {
    if (auto r = out.flush(); !r) write_failed(r.error());
}

// One zero-copy call moves at most this much; the kernel caps a transfer
// at MAX_RW_COUNT (2 GiB - 4 KiB) anyway.
constexpr std::size_t zero_copy_max = std::size_t{1} << 30;

// An enlarged pipe means fewer trips between writer and reader: 1 MiB is
// the unprivileged ceiling (/proc/sys/fs/pipe-max-size) by default.
constexpr int pipe_sizes[] = {1024 * 1024, 256 * 1024};

enum class Path { splice, copy_file_range, sendfile };

Result<std::size_t> transfer(Path path, int in) {
    switch (path) {
    case Path::splice:
        return sys::splice(in, nullptr, out_fd, nullptr, zero_copy_max);
    case Path::copy_file_range:
        return sys::copy_file_range(in, nullptr, out_fd, nullptr, zero_copy_max);
    case Path::sendfile:
        return sys::sendfile(out_fd, in, nullptr, zero_copy_max);
    }
    return Error{err::INVAL};
}

// Copies with `path` until the end of `in`. False when the kernel refused
// (EINVAL for a file system or a file kind it cannot do, EXDEV, ENOSYS,
// EBADF for O_APPEND, ...) or failed: read/write then takes over from the
// current position, and if the failure was real (EIO, ENOSPC, EPIPE) it
// meets it again and reports it the way GNU cat words it: a read error
// against the file, a write error as "write error".
bool zero_copy(Path path, int in) {
    bool moved_any = false;
    for (;;) {
        auto moved = transfer(path, in);
        if (!moved) {
            if (moved.error() == err::INTR) continue;
            return false;
        }
        // Files of /proc and /sys say they are empty and some of them
        // answer 0 to copy_file_range: let read(2) confirm an empty input.
        if (*moved == 0) return moved_any;
        moved_any = true;
    }
}

// A file with holes copied into a regular file: only its data is copied
// and the holes are left as holes (the output position moves over them
// and ftruncate sets the final size), so that a 5 GiB file with little
// data takes no time and no space. Only when the output is at its end,
// so that skipping leaves zeros there, never old bytes. False when
// read/write must take over (the positions of both files are then right).
bool copy_sparse(int in, const sys::Stat& st) {
    sys::Stat out_st;
    auto in_pos = sys::lseek(in, 0, sys::SEEK_CUR);
    auto out_pos = sys::lseek(out_fd, 0, sys::SEEK_CUR);
    if (!in_pos || !out_pos || !sys::fstat(out_fd, &out_st) || *out_pos != out_st.st_size)
        return zero_copy(Path::copy_file_range, in);

    std::int64_t ip = *in_pos, op = *out_pos;
    const std::int64_t out_size_before = out_st.st_size;
    bool done = true;
    for (;;) {
        auto data = sys::lseek(in, ip, sys::SEEK_DATA);
        if (!data) {
            // ENXIO: nothing but a hole from ip to the end of the file
            // (as long as it is now).
            sys::Stat now;
            done = data.error() == err::NXIO && sys::fstat(in, &now);
            if (done && now.st_size > ip) {
                op += now.st_size - ip;
                ip = now.st_size;
            }
            break;
        }
        op += *data - ip;
        ip = *data;
        auto hole = sys::lseek(in, ip, sys::SEEK_HOLE);
        std::int64_t hole_at = hole ? *hole : st.st_size;
        bool stop = false;
        while (ip < hole_at) {
            std::size_t want = static_cast<std::size_t>(hole_at - ip);
            auto moved = sys::copy_file_range(in, &ip, out_fd, &op,
                                              want < zero_copy_max ? want : zero_copy_max);
            if (!moved && moved.error() == err::INTR) continue;
            if (!moved || *moved == 0) {
                // Refused, failed, or the file shrank: read/write decides.
                done = false;
                stop = true;
                break;
            }
        }
        if (stop) break;
    }
    // Leave both files where a plain copy would have: past what was copied.
    (void)sys::lseek(in, ip, sys::SEEK_SET);
    if (op > out_size_before) {
        sys::Stat now;
        if (sys::fstat(out_fd, &now) && now.st_size < op) {
            if (auto t = sys::ftruncate(out_fd, op); !t) write_failed(t.error());
        }
    }
    (void)sys::lseek(out_fd, op, sys::SEEK_SET);
    return done;
}

void enlarge_pipe(Output& output) {
    if (output.pipe_sized) return;
    output.pipe_sized = true;
    auto size = sys::fcntl(out_fd, sys::F_GETPIPE_SZ);
    if (!size) return;
    for (int want : pipe_sizes) {
        if (*size >= want) return;
        // EPERM past the user's pipe allowance: try smaller, then keep
        // what there is.
        if (sys::fcntl(out_fd, sys::F_SETPIPE_SZ, want)) return;
    }
}

// Reads into the stream's buffer and writes what came, one read at a
// time: the bytes are copied once, by the kernel, each way.
bool read_write(int in, Str name) {
    for (;;) {
        auto room = out.space(in_size);
        if (room.size == 0) write_failed(out.error());
        auto got = read_some(in, room.data, in_size);
        if (!got) {
            report_file(name, got.message());
            return false;
        }
        if (*got == 0) return true;
        out.commit(*got);
        flush_output();
    }
}

} // namespace

void write_failed(int err) {
    io::err << "cat: write error: " << errno_message(err) << '\n';
    exit(1);
}

void print(Str text) {
    out << text;
    flush_output();
}

void report_file(Str name, Str message) {
    io::err << "cat: " << Quoted{name} << ": " << message << '\n';
}

bool copy_plain(int in, const sys::Stat& st, Output& output, Str name) {
    // The zero-copy calls write to fd 1 around the stream: whatever it
    // holds must go first. (It holds nothing: every loop that fills it
    // flushes it after each read.)
    flush_output();
    // splice needs a pipe on one side; copy_file_range two regular files
    // on file systems of one type; sendfile a regular input. None of them
    // can append (O_APPEND): read/write then.
    bool copied = false;
    if (output.fifo || (st.is_fifo() && !output.append)) {
        if (output.fifo && st.is_regular() && st.st_size > 64 * 1024) enlarge_pipe(output);
        copied = zero_copy(Path::splice, in);
    } else if (st.is_regular() && !output.append) {
        if (output.regular) {
            bool sparse = st.st_blocks * 512 < st.st_size;
            copied = sparse ? copy_sparse(in, st) : zero_copy(Path::copy_file_range, in);
        }
        // Across file systems (EXDEV) sendfile still copies in the kernel.
        if (!copied) copied = zero_copy(Path::sendfile, in);
    }
    return copied || read_write(in, name);
}

bool copy_transformed(int in, Transform& transform, Str name) {
    for (;;) {
        auto got = read_some(in, in_buf, in_size);
        if (!got) {
            report_file(name, got.message());
            return false;
        }
        if (*got == 0) return true;
        const unsigned char* p = in_buf;
        std::size_t left = *got;
        while (left > 0) {
            // The conversion writes straight into the stream's buffer. It
            // needs min_room free to make progress; space() writes the
            // buffer out first when less is left (-n on empty lines can
            // turn 128 KiB into more than the buffer holds).
            auto room = out.space(Transform::min_room);
            if (room.size == 0) write_failed(out.error());
            auto step = transform.run(p, left, room.data, room.size);
            out.commit(step.produced);
            p += step.consumed;
            left -= step.consumed;
        }
        // Written before the next read, which may wait: output keeps up
        // with an interactive input.
        flush_output();
    }
}

void finish_transformed(Transform& transform) {
    auto room = out.space(Transform::min_room);
    if (room.size == 0) write_failed(out.error());
    out.commit(transform.finish(room.data));
    flush_output();
}

} // namespace cat
