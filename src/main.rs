//! The `recoupe` binary: everything lives in the library; this only hands over.

/// A memory allocator made for the analysis's many small allocations: the library leaves
/// the choice to the program (see the `fast-alloc` feature in `Cargo.toml`).
#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    recoupe::cli::main()
}
