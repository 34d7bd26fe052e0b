use super::*;

#[test]
fn labels_are_trimmed_at_a_word() {
    let long = "Le célèbre réseau social a tenu il y a plusieurs mois des discussions avec plusieurs grandes banques américaines.";
    let l = trim_label(long);
    assert!(l.chars().count() <= LABEL_CHARS);
    assert!(l.ends_with('…'));
    assert_eq!(trim_label("Court\n texte."), "Court texte.");
}
