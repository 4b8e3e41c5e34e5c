#!/usr/bin/perl
# Writes idna_table.rs: the IDNA2008 property (RFC 5892, section 3) of every code point, with
# what the contextual rules (RFC 5892 appendix A) and the Bidi rule (RFC 5893) read of it, from
# the Unicode Character Database that Perl ships (`Unicode::UCD`).
#
#     perl generated/src/runtime/formats/idna_table.pl > generated/src/runtime/formats/idna_table.rs
#     rustfmt --edition 2021 generated/src/runtime/formats/idna_table.rs
use strict;
use warnings;
use feature qw(fc say);
use Unicode::UCD qw(prop_invmap prop_invlist);
use Unicode::Normalize qw(NFKC);

# One value per code point for a property given as an inversion map.
sub expand {
    my ($property) = @_;
    my ($starts, $values) = prop_invmap($property);
    my @out;
    for my $i (0 .. $#$starts) {
        my $end = $i < $#$starts ? $starts->[ $i + 1 ] - 1 : 0x10FFFF;
        $out[$_] = $values->[$i] for $starts->[$i] .. $end;
    }
    return \@out;
}

sub set {
    my ($property) = @_;
    my @list = prop_invlist($property);
    my %in;
    for (my $i = 0; $i < @list; $i += 2) {
        my $end = $i + 1 < @list ? $list[ $i + 1 ] - 1 : 0x10FFFF;
        $in{$_} = 1 for $list[$i] .. $end;
    }
    return \%in;
}

my $category = expand('General_Category');
my $bidi     = expand('Bidi_Class');
my $script   = expand('Script');
my $joining  = expand('Joining_Type');
my $ccc      = expand('Canonical_Combining_Class');
my $hangul   = expand('Hangul_Syllable_Type');
my $ignorable = set('Default_Ignorable_Code_Point');
my $space     = set('White_Space');
my $nonchar   = set('Noncharacter_Code_Point');

# RFC 5892, section 2.6.
my %exceptions = (
    0x00DF => 'PVALID', 0x03C2 => 'PVALID', 0x06FD => 'PVALID', 0x06FE => 'PVALID',
    0x0F0B => 'PVALID', 0x3007 => 'PVALID',
    0x00B7 => 'CONTEXTO', 0x0375 => 'CONTEXTO', 0x05F3 => 'CONTEXTO', 0x05F4 => 'CONTEXTO',
    0x30FB => 'CONTEXTO',
    (map { $_ => 'CONTEXTO' } 0x0660 .. 0x0669, 0x06F0 .. 0x06F9),
    (map { $_ => 'DISALLOWED' } 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031 .. 0x3035, 0x303B),
);

# RFC 5892, section 2.5: Combining Diacritical Marks for Symbols, Musical Symbols, Ancient Greek
# Musical Notation.
sub ignorable_block {
    my ($cp) = @_;
    return ($cp >= 0x20D0 && $cp <= 0x20FF) || ($cp >= 0x1D100 && $cp <= 0x1D24F);
}

my %letter_digit = map { $_ => 1 } qw(Ll Lu Lo Nd Lm Mn Mc);

# RFC 5892, section 3.
sub derived {
    my ($cp) = @_;
    return $exceptions{$cp} if exists $exceptions{$cp};
    my $gc = $category->[$cp];
    return 'DISALLOWED' if $gc eq 'Cn';    # UNASSIGNED, or a noncharacter (DISALLOWED)
    return 'PVALID' if $cp == 0x2D || ($cp >= 0x30 && $cp <= 0x39) || ($cp >= 0x61 && $cp <= 0x7A);
    return 'CONTEXTJ' if $cp == 0x200C || $cp == 0x200D;
    return 'DISALLOWED' unless $letter_digit{$gc};
    my $char = chr $cp;
    return 'DISALLOWED' if NFKC(fc(NFKC($char))) ne $char;    # Unstable
    return 'DISALLOWED' if $ignorable->{$cp} || $space->{$cp} || $nonchar->{$cp};
    return 'DISALLOWED' if ignorable_block($cp);
    return 'DISALLOWED' if $hangul->[$cp] =~ /^[LVT]$/;         # OldHangulJamo
    return 'PVALID';
}

my %kind_bits = (DISALLOWED => 0, PVALID => 1, CONTEXTJ => 2, CONTEXTO => 3);
my @bidi_names = qw(Other L R AL AN EN ES CS ET ON BN NSM);
my %bidi_bits = map { $bidi_names[$_] => $_ } 0 .. $#bidi_names;
my @joining_names = qw(Non_Joining L D R T C);
my %joining_bits = map { $joining_names[$_] => $_ } 0 .. $#joining_names;
my @script_names = qw(Other Greek Hebrew Hiragana Katakana Han);
my %script_bits = map { $script_names[$_] => $_ } 0 .. $#script_names;

# The properties of a code point as the Rust side reads them (see `Properties` in idna.rs).
sub properties {
    my ($cp) = @_;
    my $kind = derived($cp);
    return 0 if $kind eq 'DISALLOWED';
    my $bits = $kind_bits{$kind};
    $bits |= ($bidi_bits{ $bidi->[$cp] } // 0) << 2;
    $bits |= 1 << 6 if $category->[$cp] =~ /^M/;
    $bits |= 1 << 7 if $ccc->[$cp] == 9;
    $bits |= $joining_bits{ $joining->[$cp] } << 8;
    $bits |= ($script_bits{ $script->[$cp] } // 0) << 11;
    return $bits;
}

my (@runs, %index, @combos);
my $previous = -1;
for my $cp (0 .. 0x10FFFF) {
    my $bits = properties($cp);
    next if $bits == $previous;
    $previous = $bits;
    unless (exists $index{$bits}) {
        $index{$bits} = scalar @combos;
        push @combos, $bits;
    }
    push @runs, ($cp << 8) | $index{$bits};
}
die "more than 256 combinations of properties\n" if @combos > 256;

my $version = Unicode::UCD::UnicodeVersion();
say "//! IDNA2008 properties of every code point (RFC 5892, derived from Unicode $version), with";
say "//! what the contextual rules and the Bidi rule (RFC 5893) read of each. Written by";
say "//! `idna_table.pl` beside this file; do not edit by hand.";
say "";
say "/// The Unicode version the table was derived from.";
say "pub const UNICODE_VERSION: &str = \"$version\";";
say "";
say "/// Runs of code points with the same properties: the first code point of each run, shifted";
say "/// left by 8 bits, or'ed with the index of its properties in `PROPERTIES`.";
say "pub(super) static RUNS: [u32; " . scalar(@runs) . "] = [";
say join("\n", map { "    " . join(" ", map { sprintf("0x%08x,", $_) } @runs[ $_ * 8 .. ($_ * 8 + 7 > $#runs ? $#runs : $_ * 8 + 7) ]) } 0 .. int($#runs / 8));
say "];";
say "";
say "/// The distinct properties of the runs (see `Properties`).";
say "pub(super) static PROPERTIES: [u16; " . scalar(@combos) . "] = [";
say join("\n", map { "    " . join(" ", map { sprintf("0x%04x,", $_) } @combos[ $_ * 8 .. ($_ * 8 + 7 > $#combos ? $#combos : $_ * 8 + 7) ]) } 0 .. int($#combos / 8));
say "];";
