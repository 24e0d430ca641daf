//! Exit statuses of juwei's programs (`docs/spec/cli.md`), below both the
//! command line (`cli`) and the planner (`planner`), so that neither imports
//! the other for them.

/// Exit status: nothing wrong.
pub const EXIT_OK: i32 = 0;
/// Exit status: findings (or a difference) that need action.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: input could not be read or parsed.
pub const EXIT_INPUT: i32 = 2;
