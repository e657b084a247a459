//! Measuring what a piece of work costs: wall time, CPU time (getrusage) and peak memory
//! (VmHWM). Shared by the pipeline, which times each stage, and the benchmark.

use std::fs;
use std::time::{Duration, Instant};

/// Wall time per stage, in order; `usage` has what each stage cost in CPU time and memory.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    /// One entry per stage, in the same order as `stages`.
    pub usage: Vec<StageUsage>,
}

/// CPU time and peak memory of one stage (from `getrusage` and `/proc/self/status`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StageUsage {
    /// User + system CPU time of this process, all threads.
    pub cpu_self: Duration,
    /// User + system CPU time of the child processes (Zola, Pagefind) that ended in the stage.
    pub cpu_children: Duration,
    /// Peak resident memory of this process in KiB (VmHWM). The peak is reset when the stage
    /// starts, so it is the stage's own, unless the kernel refused the reset
    /// (`peak_self_reset == false`): then it is the peak since the process started.
    pub peak_self_kib: u64,
    pub peak_self_reset: bool,
    /// Peak resident memory in KiB of the largest child process that ended in the stage, when it
    /// was larger than every earlier child of this process (getrusage keeps only the maximum).
    pub peak_children_kib: Option<u64>,
}

impl Timings {
    pub(crate) fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let (self_before, _) = rusage(libc::RUSAGE_SELF);
        let (children_before, children_peak_before) = rusage(libc::RUSAGE_CHILDREN);
        let reset = reset_peak();
        let start = Instant::now();
        let value = f();
        self.stages.push((name, start.elapsed()));
        let (self_after, self_peak) = rusage(libc::RUSAGE_SELF);
        let (children_after, children_peak) = rusage(libc::RUSAGE_CHILDREN);
        self.usage.push(StageUsage {
            cpu_self: self_after.saturating_sub(self_before),
            cpu_children: children_after.saturating_sub(children_before),
            peak_self_kib: vm_hwm_kib().unwrap_or(self_peak),
            peak_self_reset: reset && vm_hwm_kib().is_some(),
            peak_children_kib: (children_peak > children_peak_before).then_some(children_peak),
        });
        value
    }
}

/// User + system CPU time from a `timeval` pair.
pub fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// CPU time (user + system) and maximum resident set in KiB of `who` (`RUSAGE_SELF` or
/// `RUSAGE_CHILDREN`).
pub fn rusage(who: libc::c_int) -> (Duration, u64) {
    // SAFETY: getrusage only writes into the zeroed struct we own.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(who, &mut u) } != 0 {
        return (Duration::ZERO, 0);
    }
    (
        timeval(u.ru_utime) + timeval(u.ru_stime),
        u.ru_maxrss.max(0) as u64,
    )
}

/// Peak resident memory of this process in KiB, since the start or the last [`reset_peak`].
pub fn vm_hwm_kib() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak resident set (VmHWM) of this process; "5" does that since Linux 4.0.
/// Returns whether the kernel allowed it.
pub fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}
