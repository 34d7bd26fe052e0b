use super::*;
use crate::analysis::analyse;

#[test]
fn a_collection_of_one_story_is_one_story() {
    let corpus = Corpus::bundled();
    let a = analyse(&corpus);
    assert_eq!(a.stories.stories.len(), 1, "{:?}", a.stories);
    assert!(a.stories.fits(corpus.articles.len()));
}
