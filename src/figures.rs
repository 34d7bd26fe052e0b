//! Figures in text: amounts of money, percentages, quantities and dates, each with a
//! numeric value and a normalised unit, so that "1,3 milliard" and "1.3 billion" compare
//! equal and "100 milliards de dollars" and "119 milliards de dollars" do not.

use crate::entities::Kind;
use crate::text::Span;
use serde::Serialize;

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub span: Span,
    /// One of MONEY, PERCENT, QUANTITY, DATE.
    pub kind: Kind,
    pub value: f64,
    /// Normalised unit: "USD", "EUR", "percent", "users", "year"...
    pub unit: String,
    /// Said with "près de", "about", "at least", "some"...
    pub approximate: bool,
}

/// The figures inside `span` of `text`, in order. `lang` is the article's language code.
pub fn find(text: &str, span: Span, lang: &str) -> Vec<Figure> {
    let _ = (text, span, lang);
    Vec::new()
}
