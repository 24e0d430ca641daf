fn main() {
    std::process::exit(juwei::cli::main());
}
