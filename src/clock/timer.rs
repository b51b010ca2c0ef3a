//! A timer that counts suspend and notices the clock being set: a `timerfd` on the wall clock
//! (`CLOCK_REALTIME`), armed at an absolute moment with `TFD_TIMER_CANCEL_ON_SET`.
//!
//! Why not a timeout on the monotonic clock (`recv_timeout`, `Instant`): that clock stops while
//! the machine sleeps, so a break due in 20 minutes before an overnight suspend would come 20
//! minutes of awake time after it. The wall clock runs on while asleep, so a deadline that
//! passed during a suspend rings at once on resume; and a wall-clock jump (the clock set, an NTP
//! step, and resume itself, which the kernel treats as one) cancels the wait with `ECANCELED`, so
//! the loop reads the clocks again and re-arms. One blocked thread per timer, no polling.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The longest a timer is armed for; "nothing timed" arms it this far ahead, so that a clock
/// set still wakes the loop.
const FAR: Duration = Duration::from_secs(400 * 24 * 3600);

/// What ended a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rang {
    /// The moment armed for has come (or passed during a suspend).
    Due,
    /// The wall clock was set or the machine resumed: read the clocks again and re-arm.
    ClockSet,
}

/// A wall-clock timer (see the module docs).
#[derive(Debug)]
pub struct WallTimer {
    fd: OwnedFd,
}

impl WallTimer {
    /// A timer, not armed.
    pub fn new() -> io::Result<WallTimer> {
        // SAFETY: a plain system call; the descriptor it returns is owned below.
        let fd = unsafe { libc::timerfd_create(libc::CLOCK_REALTIME, libc::TFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just created and nothing else owns it.
        Ok(WallTimer {
            fd: unsafe { OwnedFd::from_raw_fd(fd) },
        })
    }

    /// Arms it to ring `after` from now by the wall clock (`None`: nothing timed, only a clock
    /// set wakes it). Replaces any earlier arming.
    pub fn arm(&self, after: Option<Duration>) -> io::Result<()> {
        let after = after.map_or(FAR, |a| a.min(FAR));
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid timespec to fill.
        if unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut now) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // An absolute 0 would disarm it: the earliest is a nanosecond from now.
        let after = after.max(Duration::from_nanos(1));
        // Both parts are bounded (`FAR`, under a second each), so nothing overflows.
        let nanos = now.tv_nsec as u64 + u64::from(after.subsec_nanos());
        let at = libc::timespec {
            tv_sec: now.tv_sec + (after.as_secs() + nanos / 1_000_000_000) as libc::time_t,
            tv_nsec: (nanos % 1_000_000_000) as _,
        };
        let spec = libc::itimerspec {
            it_interval: libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            },
            it_value: at,
        };
        let flags = libc::TFD_TIMER_ABSTIME | libc::TFD_TIMER_CANCEL_ON_SET;
        // SAFETY: our descriptor and a valid itimerspec; the old value is not wanted.
        let set = unsafe {
            libc::timerfd_settime(self.fd.as_raw_fd(), flags, &spec, std::ptr::null_mut())
        };
        if set != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// Blocks until it rings or the clock is set.
    pub fn wait(&self) -> io::Result<Rang> {
        let mut count = [0u8; 8];
        loop {
            // SAFETY: reads at most 8 bytes into an 8-byte buffer.
            let read =
                unsafe { libc::read(self.fd.as_raw_fd(), count.as_mut_ptr().cast(), count.len()) };
            if read >= 0 {
                return Ok(Rang::Due);
            }
            let e = io::Error::last_os_error();
            match e.raw_os_error() {
                Some(libc::ECANCELED) => return Ok(Rang::ClockSet),
                Some(libc::EINTR) => continue,
                _ => return Err(e),
            }
        }
    }
}

/// A thread that sends `due` each time `timer` rings and `clock_set` each time the clock is set,
/// until the receiver is gone or the timer fails. The loop re-arms `timer` (from its own thread)
/// before each wait; a ring of an earlier arming may still arrive, so waking must be harmless.
pub fn forward<W: Clone + Send + 'static>(
    timer: Arc<WallTimer>,
    tx: Sender<W>,
    due: W,
    clock_set: W,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("timer".into())
        .spawn(move || {
            while let Ok(rang) = timer.wait() {
                let wake = match rang {
                    Rang::Due => due.clone(),
                    Rang::ClockSet => clock_set.clone(),
                };
                if tx.send(wake).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_armed_timer_rings_and_a_rearmed_one_replaces_it() {
        let timer = WallTimer::new().unwrap();
        timer.arm(Some(Duration::from_millis(1))).unwrap();
        assert_eq!(timer.wait().unwrap(), Rang::Due);
        // Re-armed already past: rings at once (the earliest is a nanosecond ahead).
        timer.arm(Some(Duration::ZERO)).unwrap();
        assert_eq!(timer.wait().unwrap(), Rang::Due);
    }
}
