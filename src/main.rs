//! The `detente` binary: glue between the command line and the library.

mod cli;

fn main() -> std::process::ExitCode {
    fixed_mmap_threshold();
    cli::run()
}

/// Blocks of this many bytes and more are mapped and unmapped on their own by glibc's malloc.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 256 << 10;

/// glibc's malloc raises its mmap threshold (up to 32 MiB) each time a mapped block is freed,
/// after which blocks of that size come from heaps that keep their pages. A statement near
/// the field limit (a speech of a megabyte) makes buffers of several megabytes, freed after
/// it: with two threads that left 10 to 25 MB more resident memory in `score` and `report`
/// than they used (docs/BENCHMARKS.md, "Long statements"). A fixed threshold turns the rise
/// off; on the benchmark corpus it changes neither time nor memory.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fixed_mmap_threshold() {
    // SAFETY: mallopt only sets a parameter of the allocator, takes no pointer, and runs here
    // before any other thread exists. A failure (return 0) leaves the default, which is safe.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Other allocators need no setting.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fixed_mmap_threshold() {}
