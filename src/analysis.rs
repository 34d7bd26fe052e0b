//! The whole analysis of a corpus, in one place for the reader and the command line.

use crate::corpus::Corpus;
use crate::entities::{self, Entities};
use crate::facts::{self, Facts};

/// Everything recoupe derives from a corpus beyond each article's own structure.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub entities: Entities,
    pub facts: Facts,
}

/// Runs entity recognition and resolution, then fact linking.
pub fn analyse(corpus: &Corpus) -> Analysis {
    let entities = entities::analyse(corpus);
    let facts = facts::link(corpus, &entities);
    Analysis { entities, facts }
}
