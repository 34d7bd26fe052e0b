//! Two facts that share most of their passages read as one fact listed twice, yet merging
//! them would link passages that report different things (a lead sentence that states the
//! fine and the admission belongs with the headlines of the fine and with the admission of
//! another outlet). So the shared passages go to the fact they fit best: the one whose own
//! passages they are most alike with. The other fact keeps its own passages and the shared
//! passages closest to them, as many as leave it less than half shared, so it still links
//! most of what it linked and no longer shares most of its passages with anything.

use super::affinity::Affinity;

/// Largest number of passes over the groups: each pass leaves fewer shared passages, and
/// a corpus that repeats itself a lot must not loop long.
const MAX_PASSES: usize = 4;

/// Separates groups (sorted lists of sentences) that share at least two passages and half
/// of the smaller, as the module says; a group left with passages of one article is dropped.
pub fn separate(groups: &mut Vec<Vec<u32>>, affinity: &Affinity, article_of: impl Fn(u32) -> u32) {
    for _ in 0..MAX_PASSES {
        if !one_pass(groups, affinity) {
            break;
        }
    }
    groups.retain(|g| {
        let first = g.first().map(|&s| article_of(s));
        g.iter().any(|&s| Some(article_of(s)) != first)
    });
}

/// One pass over the pairs of groups sharing most passages; true when one changed.
fn one_pass(groups: &mut [Vec<u32>], affinity: &Affinity) -> bool {
    let n = groups
        .iter()
        .flatten()
        .map(|&s| s as usize + 1)
        .max()
        .unwrap_or(0);
    let mut index: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (g, members) in groups.iter().enumerate() {
        for &s in members {
            index[s as usize].push(g as u32);
        }
    }
    let mut changed = false;
    for i in 0..groups.len() {
        let mut others: Vec<u32> = (groups[i].iter())
            .flat_map(|&s| index[s as usize].iter().copied())
            .filter(|&j| j as usize > i)
            .collect();
        others.sort_unstable();
        others.dedup();
        for j in others {
            let j = j as usize;
            let shared = common(&groups[i], &groups[j]);
            let smaller = groups[i].len().min(groups[j].len());
            if shared.len() < 2 || 2 * shared.len() < smaller {
                continue;
            }
            let own_i = without(&groups[i], &shared);
            let own_j = without(&groups[j], &shared);
            // A group inside the other is the other's: nothing to separate.
            if own_i.is_empty() || own_j.is_empty() {
                continue;
            }
            let (loser, own) = if fit(&shared, &own_i, affinity) >= fit(&shared, &own_j, affinity) {
                (j, own_j)
            } else {
                (i, own_i)
            };
            // As many shared passages as leave the group less than half shared, closest
            // first (one at least, if it is alike with the group at all).
            let room = own.len().saturating_sub(1).max(1);
            let mut closest: Vec<(f32, u32)> = (shared.iter())
                .map(|&s| (fit(&[s], &own, affinity), s))
                .filter(|&(f, _)| f > 0.0)
                .collect();
            closest.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            let closest = closest.into_iter().take(room).map(|(_, s)| s);
            let mut kept = own;
            kept.extend(closest);
            kept.sort_unstable();
            groups[loser] = kept;
            changed = true;
        }
    }
    changed
}

/// Mean score of the pairs between `x` and `y` (unscored pairs count 0).
fn fit(x: &[u32], y: &[u32], affinity: &Affinity) -> f32 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let total: f32 = (x.iter())
        .flat_map(|&a| y.iter().map(move |&b| affinity.score(a, b)))
        .sum();
    total / (x.len() * y.len()) as f32
}

/// The elements of both sorted lists.
fn common(x: &[u32], y: &[u32]) -> Vec<u32> {
    x.iter()
        .copied()
        .filter(|s| y.binary_search(s).is_ok())
        .collect()
}

/// The elements of sorted `x` not in sorted `y`.
fn without(x: &[u32], y: &[u32]) -> Vec<u32> {
    x.iter()
        .copied()
        .filter(|s| y.binary_search(s).is_err())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::similar::Pair;

    /// Sentence ids are article * 10 + index.
    fn article(s: u32) -> u32 {
        s / 10
    }

    fn affinity(pairs: &[(u32, u32, f32)]) -> Affinity {
        let pairs: Vec<Pair> = (pairs.iter())
            .map(|&(a, b, score)| Pair {
                a,
                b,
                score,
                a_shorter: true,
                ratio: 1.0,
            })
            .collect();
        Affinity::new(&pairs)
    }

    fn shared(x: &[u32], y: &[u32]) -> usize {
        common(x, y).len()
    }

    #[test]
    fn facts_sharing_most_passages_give_them_to_the_one_they_fit() {
        // A lead told alike by articles 0 and 1 (0, 10); article 2 tells the same (20)
        // and article 3 something the lead only touches on (30), alike with article 4 (40).
        let a = affinity(&[
            (0, 10, 0.9),
            (0, 20, 0.7),
            (10, 20, 0.7),
            (0, 30, 0.3),
            (10, 30, 0.3),
            (30, 40, 0.8),
        ]);
        let mut groups = vec![vec![0, 10, 20], vec![0, 10, 30, 40]];
        separate(&mut groups, &a, article);
        assert_eq!(groups[0], [0, 10, 20]);
        // The other keeps its own passages and the shared passage closest to them.
        assert_eq!(groups[1], [0, 30, 40]);
        assert!(2 * shared(&groups[0], &groups[1]) < groups[0].len().min(groups[1].len()));
    }

    #[test]
    fn facts_sharing_one_passage_or_contained_in_another_are_left_alone() {
        let a = affinity(&[(0, 10, 0.9), (0, 20, 0.5), (10, 30, 0.5), (20, 30, 0.1)]);
        let before = vec![vec![0, 10], vec![0, 20], vec![10, 30]];
        let mut groups = before.clone();
        separate(&mut groups, &a, article);
        assert_eq!(groups, before);
        let mut inside = vec![vec![0, 10, 20], vec![0, 10]];
        separate(&mut inside, &a, article);
        assert_eq!(inside, [vec![0, 10, 20], vec![0, 10]]);
    }

    #[test]
    fn a_fact_left_with_one_article_is_dropped() {
        let a = affinity(&[(0, 10, 0.9), (0, 20, 0.8), (10, 20, 0.8)]);
        let mut groups = vec![vec![0, 10, 20], vec![0, 10, 11]];
        separate(&mut groups, &a, article);
        // 11 is alike with nothing shared: it keeps no passage of another article.
        assert_eq!(groups, [vec![0, 10, 20]]);
    }
}
