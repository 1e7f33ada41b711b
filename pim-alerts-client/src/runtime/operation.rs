//! Long-running operations (`202 Accepted` + `Location`), e.g. an alert `refresh`.
//!
//! [`Client::send_accepted`](super::Client::send_accepted) returns an [`Operation`] holding the
//! monitor URL from `Location` (resolved against the base URL and checked to be on the base
//! origin). [`Operation::wait`] polls it with `GET` — each poll is an ordinary request, with
//! auth, retries and timeout — until the JSON `status` is terminal (compared in any ASCII case):
//!
//! * `succeeded` → the body decoded into the caller's `T` (the generated code uses the models'
//!   `LongRunningOperation`);
//! * `failed`, `canceled` or `cancelled` → [`Error::OperationFailed`] carrying the body and the
//!   poll's ids;
//! * anything else — `notStarted`, `running`, a `202` without body, and any status this
//!   runtime does not know — → wait for `Retry-After` (capped by
//!   [`PollPolicy::with_max_retry_after`]) or else the poll interval, then poll again.
//!
//! Only the terminal statuses end the wait early because the status type
//! (`longRunningOperationStatus`) is an evolvable enum: a member Graph adds later reaches older
//! clients as `unknownFutureValue` (or as its new name), and it may well be one more in-progress
//! state. An operation that never reaches a terminal status ends in the bound below.
//!
//! `canceled` and `cancelled` are not members of `longRunningOperationStatus` today (it has
//! `notStarted`, `running`, `succeeded`, `failed` and `unknownFutureValue`). They are treated
//! as terminal failures defensively, as Azure's long-running-operation conventions treat
//! `Canceled`: should Graph add either, polling a canceled operation until the bound would only
//! delay the same failure.
//!
//! When the bound runs out first: [`Error::OperationTimedOut`], carrying the last status, body
//! and poll ids. The bound is
//! [`PollPolicy::with_max_polls`] polls and [`PollPolicy::with_max_wait`] of time for the whole
//! of `wait`: every poll (with its token fetch, retries and back-off) is cut off when the time
//! left runs out, and no wait between polls is started that would outlast it.

use std::fmt;
use std::time::{Duration, Instant, SystemTime};

use reqwest::StatusCode;
use reqwest::header::RETRY_AFTER;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::config::Client;
use super::error::{Error, OperationError, header_str};
use super::request::Request;
use super::retry::parse_retry_after;
use super::send::{Reply, decode, unexpected};

/// Bounds and pacing for polling a long-running operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollPolicy {
    interval: Duration,
    max_wait: Duration,
    max_polls: u32,
    max_retry_after: Duration,
}

impl Default for PollPolicy {
    /// Poll every 2 s (unless `Retry-After` says otherwise), at most 150 times or 5 minutes.
    fn default() -> Self {
        PollPolicy {
            interval: Duration::from_secs(2),
            max_wait: Duration::from_secs(300),
            max_polls: 150,
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl PollPolicy {
    /// The wait between polls when the server sends no `Retry-After`. A wait that would
    /// outlast [`max_wait`](Self::with_max_wait) is not started: `wait` gives up instead.
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The longest time [`Operation::wait`] takes (more than zero; `Duration::MAX` for no
    /// time bound): the poll in flight when it runs out is cut off, and a wait between polls
    /// that would outlast it is not started.
    pub fn with_max_wait(mut self, max: Duration) -> Self {
        self.max_wait = max;
        self
    }

    /// The most polls to make (at least 1).
    pub fn with_max_polls(mut self, polls: u32) -> Self {
        self.max_polls = polls;
        self
    }

    /// The longest single wait honoured from `Retry-After` (longer hints are shortened).
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.max_polls == 0 {
            return Err(Error::invalid_config(
                "poll policy: max_polls must be at least 1",
            ));
        }
        if self.max_wait.is_zero() {
            return Err(Error::invalid_config(
                "poll policy: max_wait must be more than zero (no poll could be answered)",
            ));
        }
        Ok(())
    }

    /// The wait before the next poll, given the server's `Retry-After` hint.
    fn delay(&self, retry_after: Option<Duration>) -> Duration {
        retry_after.map_or(self.interval, |d| d.min(self.max_retry_after))
    }
}

/// A handle to a long-running operation started by a `202 Accepted` response.
#[derive(Clone)]
pub struct Operation {
    client: Client,
    poll: Request,
    location: Url,
}

/// What one poll found.
enum Poll {
    Running {
        status: String,
        retry_after: Option<Duration>,
        body: Reply,
    },
    Done(Reply),
    Failed {
        status: String,
        body: Reply,
    },
}

/// A status that ends the wait; every other status (`notStarted`, `running`,
/// `unknownFutureValue`, a name added later) means the operation is still going on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    Succeeded,
    Failed,
}

impl Terminal {
    /// The terminal state `status` names, in any ASCII case.
    fn of(status: &str) -> Option<Terminal> {
        let is = |name: &str| status.eq_ignore_ascii_case(name);
        if is("succeeded") {
            Some(Terminal::Succeeded)
        } else if is("failed") || is("canceled") || is("cancelled") {
            Some(Terminal::Failed)
        } else {
            None
        }
    }
}

/// The path template that polls of a resumed operation carry in traces and errors: the URL
/// itself is opaque, and may name the operation.
const RESUMED_TEMPLATE: &str = "{resumed operation}";

impl Client {
    /// The operation whose monitor URL (its [`Operation::location`]) was saved earlier, to poll
    /// again, e.g. after a restart. The URL is checked as a `Location` header is: it must be a
    /// URL (absolute, or relative to the base URL) on the client's origin, else nothing is
    /// polled: [`Error::InvalidRequest`] for what is no URL, [`Error::ForeignOrigin`] for a URL
    /// of another origin.
    pub fn resume_operation(&self, location: &str) -> Result<Operation, Error> {
        let started_by = Request::new(reqwest::Method::GET, RESUMED_TEMPLATE);
        let url = self.inner.base.resolve_saved(location)?;
        Ok(Operation::new(self.clone(), started_by, url))
    }
}

impl Operation {
    pub(crate) fn new(client: Client, started_by: Request, location: Url) -> Self {
        let poll = started_by.follow(location.clone());
        Operation {
            client,
            poll,
            location,
        }
    }

    /// The operation's monitor URL (from the `Location` header, resolved).
    pub fn location(&self) -> &Url {
        &self.location
    }

    /// Polls with the client's [`PollPolicy`] until the operation ends; see the module docs.
    pub async fn wait<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let policy = self.client.inner.polling.clone();
        self.wait_with(&policy).await
    }

    /// Polls with an explicit [`PollPolicy`] until the operation ends; see the module docs.
    pub async fn wait_with<T: DeserializeOwned>(&self, policy: &PollPolicy) -> Result<T, Error> {
        policy.validate()?;
        let mut progress = Progress::new();
        loop {
            progress.polls += 1;
            let left = progress.time_left(policy);
            let Ok(poll) = tokio::time::timeout(left, self.poll_once()).await else {
                return Err(Error::OperationTimedOut(self.report(progress)));
            };
            let retry_after = match poll? {
                Poll::Done(resp) => return decode(&resp),
                Poll::Failed { status, body } => {
                    progress.saw(status, body);
                    return Err(Error::OperationFailed(self.report(progress)));
                }
                Poll::Running {
                    status,
                    retry_after,
                    body,
                } => {
                    progress.saw(status, body);
                    retry_after
                }
            };
            let delay = policy.delay(retry_after);
            if progress.polls >= policy.max_polls || delay >= progress.time_left(policy) {
                return Err(Error::OperationTimedOut(self.report(progress)));
            }
            let delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
            tracing::debug!(polls = progress.polls, delay_ms, status = %progress.status, "operation pending");
            tokio::time::sleep(delay).await;
        }
    }

    async fn poll_once(&self) -> Result<Poll, Error> {
        #[derive(Deserialize)]
        struct Probe {
            status: String,
        }
        let resp = self.client.execute(&self.poll).await?;
        let retry_after = header_str(&resp.headers, RETRY_AFTER.as_str())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        if resp.status == StatusCode::ACCEPTED && resp.body.is_empty() {
            let status = "running".to_owned();
            return Ok(Poll::Running {
                status,
                retry_after,
                body: resp,
            });
        }
        if resp.status != StatusCode::OK && resp.status != StatusCode::ACCEPTED {
            return Err(unexpected(resp));
        }
        let Probe { status } = decode(&resp)?;
        Ok(match Terminal::of(&status) {
            Some(Terminal::Succeeded) => Poll::Done(resp),
            Some(Terminal::Failed) => Poll::Failed { status, body: resp },
            None => Poll::Running {
                status,
                retry_after,
                body: resp,
            },
        })
    }

    fn report(&self, progress: Progress) -> Box<OperationError> {
        Box::new(OperationError {
            location: self.location.to_string(),
            status: progress.status,
            polls: progress.polls,
            elapsed: progress.start.elapsed(),
            body: (progress.last.as_ref())
                .and_then(|last| serde_json::from_slice(&last.body).ok())
                .unwrap_or(serde_json::Value::Null),
            context: progress.last.as_ref().map(Reply::context),
        })
    }
}

/// What polling has found so far.
struct Progress {
    start: Instant,
    polls: u32,
    /// The last `status` the operation reported (`unknown` before the first answer).
    status: String,
    /// The last poll's answer (`None` before the first one), whose body and ids the error
    /// reports: kept whole so that a poll still going on costs no copy.
    last: Option<Reply>,
}

impl Progress {
    fn new() -> Self {
        Progress {
            start: Instant::now(),
            polls: 0,
            status: "unknown".to_owned(),
            last: None,
        }
    }

    /// Records the status and the answer of a poll.
    fn saw(&mut self, status: String, resp: Reply) {
        self.status = status;
        self.last = Some(resp);
    }

    /// The time left of the policy's `max_wait` (zero once it has run out).
    fn time_left(&self, policy: &PollPolicy) -> Duration {
        policy.max_wait.saturating_sub(self.start.elapsed())
    }
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("location", &self.location.as_str())
            .field("started_by", &self.poll.template())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::Terminal;

    #[test]
    fn only_terminal_statuses_end_the_wait() {
        assert_eq!(Terminal::of("succeeded"), Some(Terminal::Succeeded));
        assert_eq!(Terminal::of("Succeeded"), Some(Terminal::Succeeded));
        for failed in ["failed", "FAILED", "canceled", "Cancelled"] {
            assert_eq!(Terminal::of(failed), Some(Terminal::Failed), "{failed}");
        }
        for going_on in ["notStarted", "running", "unknownFutureValue", "queued", ""] {
            assert_eq!(Terminal::of(going_on), None, "{going_on}");
        }
    }
}
