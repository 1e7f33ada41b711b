//! Long-running operations (`202 Accepted` + `Location`), e.g. an alert `refresh`.
//!
//! [`Client::send_accepted`](super::Client::send_accepted) returns an [`Operation`] holding the
//! monitor URL from `Location` (resolved against the base URL and checked to be on the base
//! origin). [`Operation::wait`] polls it with `GET` — each poll is an ordinary request, with
//! auth, retries and timeout — until the JSON `status` is terminal:
//!
//! * `succeeded` → the body decoded into the caller's `T` (the generated code uses the models'
//!   `LongRunningOperation`);
//! * `notStarted` / `running` (or a `202` without body) → wait for `Retry-After` (capped by
//!   [`PollPolicy::with_max_retry_after`]) or else the poll interval, then poll again;
//! * `failed` or any other value → [`Error::OperationFailed`] carrying the body.
//!
//! When the bound (polls or total time) runs out first: [`Error::OperationTimedOut`].

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
    /// The wait between polls when the server sends no `Retry-After`.
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// The longest total time to keep polling.
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
        Ok(())
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
        let start = Instant::now();
        let mut polls = 0;
        loop {
            polls += 1;
            let (status, retry_after, body) = match self.poll_once().await? {
                Poll::Done(resp) => return decode(&resp),
                Poll::Failed { status, body } => {
                    return Err(Error::OperationFailed(
                        self.report(status, polls, start, &body),
                    ));
                }
                Poll::Running {
                    status,
                    retry_after,
                    body,
                } => (status, retry_after, body),
            };
            let delay = retry_after.map_or(policy.interval, |d| d.min(policy.max_retry_after));
            if polls >= policy.max_polls || start.elapsed() + delay > policy.max_wait {
                return Err(Error::OperationTimedOut(
                    self.report(status, polls, start, &body),
                ));
            }
            tracing::debug!(polls, delay_ms = delay.as_millis() as u64, %status, "operation pending");
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
        Ok(match status.as_str() {
            s if s.eq_ignore_ascii_case("succeeded") => Poll::Done(resp),
            s if s.eq_ignore_ascii_case("notStarted") || s.eq_ignore_ascii_case("running") => {
                Poll::Running {
                    status,
                    retry_after,
                    body: resp,
                }
            }
            _ => Poll::Failed { status, body: resp },
        })
    }

    fn report(
        &self,
        status: String,
        polls: u32,
        start: Instant,
        resp: &Reply,
    ) -> Box<OperationError> {
        Box::new(OperationError {
            location: self.location.to_string(),
            status,
            polls,
            elapsed: start.elapsed(),
            body: serde_json::from_slice(&resp.body).unwrap_or(serde_json::Value::Null),
        })
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
