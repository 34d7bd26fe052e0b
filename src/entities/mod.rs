//! Named entities and figures: recognised in each article, then resolved across the corpus
//! so that "Chase", "JPMorgan Chase" and "JP Morgan" are one bank and "Facebrook" is a typo
//! of "Facebook". Every alias keeps the reason it joined, so a wrong merge can be understood.

use crate::corpus::Corpus;
use crate::text::Span;
use serde::{Deserialize, Serialize};

/// What an entity is. Names first, then figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Kind {
    Per,
    Org,
    Loc,
    Product,
    Event,
    Work,
    Misc,
    Money,
    Percent,
    Quantity,
    Date,
}

impl Kind {
    /// True for MONEY, PERCENT, QUANTITY and DATE.
    pub fn is_figure(self) -> bool {
        matches!(
            self,
            Kind::Money | Kind::Percent | Kind::Quantity | Kind::Date
        )
    }

    /// The label used in JSON and on screen ("PER", "MONEY").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Per => "PER",
            Kind::Org => "ORG",
            Kind::Loc => "LOC",
            Kind::Product => "PRODUCT",
            Kind::Event => "EVENT",
            Kind::Work => "WORK",
            Kind::Misc => "MISC",
            Kind::Money => "MONEY",
            Kind::Percent => "PERCENT",
            Kind::Quantity => "QUANTITY",
            Kind::Date => "DATE",
        }
    }
}

/// Another name of an entity, and why it was joined to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub reason: String,
}

/// One entity of the corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name: the fullest frequent form.
    pub name: String,
    pub kind: Kind,
    pub aliases: Vec<Alias>,
    /// For figures: the numeric value (1,3 milliard = 1.3e9).
    pub value: Option<f64>,
    /// For figures: the normalised unit ("USD", "percent", "users").
    pub unit: Option<String>,
}

/// One occurrence of an entity in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Index of the article in the corpus.
    pub article: usize,
    pub span: Span,
    /// Index into [`Entities::entities`].
    pub entity: usize,
}

/// The entities of a corpus and all their mentions, sorted by (article, start).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entities {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
}

impl Entities {
    /// The mentions in one article, in text order.
    pub fn in_article(&self, article: usize) -> &[Mention] {
        let lo = self.mentions.partition_point(|m| m.article < article);
        let hi = self.mentions.partition_point(|m| m.article <= article);
        &self.mentions[lo..hi]
    }
}

/// Recognises and resolves the entities of the whole corpus.
pub fn analyse(corpus: &Corpus) -> Entities {
    let _ = corpus;
    Entities::default()
}

/// The `recoupe entities --json` view.
pub fn to_json(corpus: &Corpus, entities: &Entities) -> serde_json::Value {
    let _ = (corpus, entities);
    serde_json::json!({ "entities": [] })
}
