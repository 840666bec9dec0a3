using System.Buffers;
using System.Globalization;
using System.Text;

namespace VecStore;

/// <summary>How many cells of a terminal a piece of text takes, so that a caret lands under the character it points at.</summary>
/// <remarks>
/// <para>
/// Text is measured a grapheme cluster at a time (what a reader sees as one character: a letter
/// with its accents, an emoji with its skin tone or joined family, a flag's two letters), as
/// terminals draw it: 2 cells for East Asian wide and fullwidth characters (Chinese, Japanese,
/// Korean, fullwidth forms) and for emoji, 0 for a mark or format character standing alone
/// (combining accents, zero-width space and joiner, a Hangul vowel that joins its syllable), 1 for
/// everything else.
/// </para>
/// <para>
/// The wide ranges are Unicode 16's East_Asian_Width W and F (UAX #11) for assigned characters,
/// with the unassigned rest of the ideograph planes and the emoji blocks, which Unicode reserves
/// as wide.
/// The engine cannot use the shell's Spectre.Console for this: it has no dependency on a console
/// library, and its messages are read by applications and logs too.
/// </para>
/// </remarks>
internal static class TerminalCells
{
    // Start and end (inclusive) of each wide range, sorted.
    private static ReadOnlySpan<int> WideRanges =>
    [
        0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
        0x25FD, 0x25FE, 0x2614, 0x2615, 0x2630, 0x2637, 0x2648, 0x2653, 0x267F, 0x267F, 0x268A, 0x268F,
        0x2693, 0x2693, 0x26A1, 0x26A1,
        0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
        0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
        0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
        0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55,
        0x2E80, 0x303E, 0x3041, 0x3247, 0x3250, 0xA4C6, 0xA960, 0xA97C, 0xAC00, 0xD7A3,
        0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6B, 0xFF01, 0xFF60, 0xFFE0, 0xFFE6,
        0x16FE0, 0x1B2FF, 0x1D300, 0x1D356, 0x1D360, 0x1D376, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E, 0x1F191, 0x1F19A,
        0x1F200, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393, 0x1F3A0, 0x1F3CA,
        0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E, 0x1F440, 0x1F440,
        0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567, 0x1F57A, 0x1F57A,
        0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5, 0x1F6CC, 0x1F6CC,
        0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6DF, 0x1F6EB, 0x1F6EC, 0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7F0,
        0x1F90C, 0x1F93A, 0x1F93C, 0x1F945, 0x1F947, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x3FFFD,
    ];

    private const int VariationSelectorEmoji = 0xFE0F;
    private const int SoftHyphen = 0x00AD;
    private const int RegionalIndicatorA = 0x1F1E6;
    private const int RegionalIndicatorZ = 0x1F1FF;

    /// <summary>The cells of the grapheme cluster <paramref name="cluster"/> (one text element).</summary>
    public static int ClusterWidth(ReadOnlySpan<char> cluster)
    {
        if (cluster.IsEmpty || Rune.DecodeFromUtf16(cluster, out var first, out int used) != OperationStatus.Done)
            return 1;
        var category = Rune.GetUnicodeCategory(first);
        // The soft hyphen is a format character that terminals show as a hyphen.
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || (category == UnicodeCategory.Format && first.Value != SoftHyphen))
            return 0;
        // Hangul vowels and final consonants join the syllable's leading consonant, which takes both cells.
        if (first.Value is >= 0x1160 and <= 0x11FF or >= 0xD7B0 and <= 0xD7FF)
            return 0;
        if (IsWide(first.Value))
            return 2;
        // A flag is two regional indicators; a symbol followed by VS16 asks for its emoji form.
        if (first.Value is >= RegionalIndicatorA and <= RegionalIndicatorZ)
            return cluster.Length > used ? 2 : 1;
        foreach (var rune in cluster[used..].EnumerateRunes())
        {
            if (rune.Value == VariationSelectorEmoji)
                return 2;
        }
        return 1;
    }

    /// <summary>True for a code point terminals draw two cells wide.</summary>
    public static bool IsWide(int codePoint)
    {
        var ranges = WideRanges;
        if (codePoint < ranges[0] || codePoint > ranges[^1])
            return false;
        // The last range start at or below the code point.
        int lo = 0, hi = ranges.Length / 2 - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (ranges[mid * 2] <= codePoint)
                lo = mid;
            else
                hi = mid - 1;
        }
        return codePoint <= ranges[lo * 2 + 1];
    }
}
