//! "Did you mean": the known word closest to a wrong one, for every message that names a word
//! the user got wrong (an operation, a format, a command).

/// The candidate closest to `word` by edit distance, when it is close: at most 2 edits, or a
/// third of the candidate's length.
pub fn closest<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .map(|candidate| (distance(word, candidate), candidate))
        .filter(|(d, candidate)| *d <= 2.max(candidate.chars().count() / 3))
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_close_word_is_suggested() {
        let known = ["createCustomer", "createAccount", "listCustomers"];
        assert_eq!(
            closest("createCustomr", known.into_iter()),
            Some("createCustomer")
        );
        assert_eq!(closest("deleteEverything", known.into_iter()), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
