//! One address, fetched with manners: a User-Agent naming recoupe, timeouts, gzip, a
//! maximum body size counted after decompression, and redirects followed here (at most
//! ten, and only to `http:` or `https:`) rather than inside the HTTP library, so that a
//! redirect to `file:` or elsewhere is refused with a reason of its own.

use super::FetchOptions;
use std::time::Duration;
use url::Url;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 10;

/// What the server sent for an address.
#[derive(Debug)]
pub struct Fetched {
    pub final_url: Url,
    pub content_type: Option<String>,
    pub http_date: Option<String>,
    /// The body, decompressed.
    pub body: Vec<u8>,
}

/// The HTTP client shared by the workers of one run.
pub struct Client {
    agent: ureq::Agent,
    opts: FetchOptions,
}

impl Client {
    pub fn new(opts: &FetchOptions) -> Client {
        let t = opts.timeout;
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .user_agent(super::USER_AGENT)
            .timeout_resolve(Some(t))
            .timeout_connect(Some(t))
            .timeout_send_request(Some(t))
            .timeout_recv_response(Some(t))
            .timeout_recv_body(Some(t.saturating_mul(4)))
            .max_response_header_size(64 * 1024)
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            opts: opts.clone(),
        }
    }

    /// Fetches `url`, following redirects; the reason when it fails, in a few words.
    pub fn get(&self, url: &Url) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        for hop in 0..=MAX_REDIRECTS {
            check_scheme(&current, hop > 0)?;
            let mut response = self
                .agent
                .get(current.as_str())
                .header("Accept", super::ACCEPT)
                .call()
                .map_err(|e| self.reason(e))?;
            let status = response.status();
            if status.is_redirection() && status.as_u16() != 304 {
                let location =
                    header(&response, "location").ok_or(FetchError::NoLocation(status.as_u16()))?;
                current = (current.join(location.trim())).map_err(FetchError::BadRedirect)?;
                continue;
            }
            if !status.is_success() {
                let reason = status.canonical_reason().unwrap_or("");
                return Err(FetchError::Status(status.as_u16(), reason));
            }
            let max = self.opts.max_body;
            let declared = header(&response, "content-length").and_then(|l| l.parse::<u64>().ok());
            let encoded = header(&response, "content-encoding").is_some();
            if declared.is_some_and(|n| n > max) && !encoded {
                return Err(FetchError::TooLarge(max));
            }
            let content_type = header(&response, "content-type");
            let http_date = header(&response, "date");
            let body = response
                .body_mut()
                .with_config()
                .limit(max)
                .read_to_vec()
                .map_err(|e| self.reason(e))?;
            return Ok(Fetched {
                final_url: current,
                content_type,
                http_date,
                body,
            });
        }
        Err(FetchError::TooManyRedirects)
    }

    /// The reason of a failure, in a few words.
    fn reason(&self, e: ureq::Error) -> FetchError {
        if let ureq::Error::BodyExceedsLimit(_) = e {
            return FetchError::TooLarge(self.opts.max_body);
        }
        FetchError::Transport(match e {
            ureq::Error::Timeout(what) => format!(
                "no answer within {} ({what})",
                seconds(match what {
                    ureq::Timeout::RecvBody => self.opts.timeout.saturating_mul(4),
                    _ => self.opts.timeout,
                })
            ),
            ureq::Error::HostNotFound => "host not found".into(),
            ureq::Error::ConnectionFailed => "cannot connect".into(),
            ureq::Error::Io(io) => match io.kind() {
                std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
                std::io::ErrorKind::ConnectionReset => "connection reset".into(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    format!("no answer within {}", seconds(self.opts.timeout))
                }
                _ => io.to_string(),
            },
            ureq::Error::Decompress(_, io) => format!("bad compressed body ({io})"),
            other => other.to_string(),
        })
    }
}

/// Why a fetch failed, in a few words.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("a {0}: address, refused (only http and https are fetched)")]
    Scheme(String),
    #[error("redirected to a {0}: address, refused")]
    RedirectedScheme(String),
    #[error("HTTP {0} without a Location")]
    NoLocation(u16),
    #[error("redirected to a bad address ({0})")]
    BadRedirect(url::ParseError),
    /// A status other than success, with its reason phrase.
    #[error("{}", format!("HTTP {} {}", .0, .1).trim_end())]
    Status(u16, &'static str),
    #[error("larger than the {0}-byte limit (--max-size)")]
    TooLarge(u64),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    /// The connection failed or timed out: how, in a few words.
    #[error("{0}")]
    Transport(String),
}

fn seconds(d: Duration) -> String {
    format!("{} s", (d.as_secs_f64() * 100.0).round() / 100.0)
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Only `http:` and `https:` are fetched, whether asked for or redirected to.
pub fn check_scheme(url: &Url, redirected: bool) -> Result<(), FetchError> {
    match url.scheme() {
        "http" | "https" => Ok(()),
        other if redirected => Err(FetchError::RedirectedScheme(other.to_owned())),
        other => Err(FetchError::Scheme(other.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_schemes_pass() {
        let ok = Url::parse("https://e.org/").unwrap();
        assert!(check_scheme(&ok, true).is_ok());
        let file = Url::parse("file:///etc/passwd").unwrap();
        assert_eq!(
            check_scheme(&file, true).unwrap_err().to_string(),
            "redirected to a file: address, refused"
        );
        let asked = check_scheme(&file, false).unwrap_err().to_string();
        assert!(asked.contains("refused"), "{asked}");
        assert_eq!(
            FetchError::Status(404, "Not Found").to_string(),
            "HTTP 404 Not Found"
        );
        assert_eq!(FetchError::Status(599, "").to_string(), "HTTP 599");
    }
}
