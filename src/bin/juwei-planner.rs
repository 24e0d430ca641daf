// Replaced by the planner (issue 4) when its branch lands.
fn main() {
    eprintln!("juwei-planner: the planner is not in this build yet");
    std::process::exit(2);
}
