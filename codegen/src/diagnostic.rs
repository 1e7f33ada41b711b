//! Problems found in a CSDL document, each with the source name, line and column.

use std::fmt;

use crate::csdl::syntax::Pos;
use crate::model::Origin;

/// One problem in a document: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The document the problem is in (a path or URL).
    pub source: String,
    /// Line and column of the element or attribute at fault; line 0 when the problem has no
    /// position in `source` (e.g. a command-line argument), and then none is printed.
    pub pos: Pos,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl Diagnostic {
    /// A problem at `pos` in `source`.
    pub fn new(source: impl Into<String>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            source: source.into(),
            pos,
            message: message.into(),
        }
    }

    /// A problem with the model item that `origin` locates.
    pub fn at(origin: &Origin, message: impl Into<String>) -> Self {
        Diagnostic::new(origin.source.to_string(), origin.pos, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pos.line == 0 {
            return write!(f, "{}: {}", self.source, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}",
            self.source, self.pos.line, self.pos.column, self.message
        )
    }
}

/// Every problem found in a document, in source order. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// `Ok` when there are no `problems`, else each of them once, in source order.
    pub fn from_problems(mut problems: Vec<Diagnostic>) -> Result<(), Diagnostics> {
        problems.sort();
        problems.dedup();
        match problems.is_empty() {
            true => Ok(()),
            false => Err(Diagnostics(problems)),
        }
    }

    /// The problems, in source order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
