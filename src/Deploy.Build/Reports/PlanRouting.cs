using System.Globalization;

namespace Deploy.Build.Reports;

/// <summary>
/// Where the plan page's arrows run. Boxes sit in a grid (one column per wave, rows from the top), so an arrow
/// that skips waves must not cut through the boxes of the columns in between: it runs along a free lane, the row
/// of its own source or target when no box in between uses that row, else the nearest gap between two rows, and
/// bends only in the empty gaps between columns. Arrows leave and enter a box at points spread down its side,
/// ordered by where the other end is, so they do not all meet in one point.
/// </summary>
internal sealed class PlanRouting(double left, double top, double nodeWidth, double nodeHeight, double columnGap, double rowGap, IReadOnlyList<int> rowsPerWave)
{
    /// <summary>The left edge of a wave's column (waves count from 1).</summary>
    public double X(int wave) => left + (wave - 1) * (nodeWidth + columnGap);

    /// <summary>The top of a row's boxes (rows count from 0).</summary>
    public double Y(int row) => top + row * (nodeHeight + rowGap);

    /// <summary>The height at which the <paramref name="index"/>th of <paramref name="count"/> arrows meets a box's side.</summary>
    public double Port(int row, int index, int count) => Y(row) + nodeHeight * (index + 1) / (count + 1);

    /// <summary>The SVG path of an arrow from the right side of one box (at <paramref name="fromY"/>) to the left side of another.</summary>
    public string Path((int Wave, int Row) from, double fromY, (int Wave, int Row) to, double toY)
    {
        var x1 = X(from.Wave) + nodeWidth;
        var x2 = X(to.Wave);
        if (to.Wave > from.Wave + 1)
        {
            return Around(from, fromY, to, toY, x1, x2);
        }

        // Neighbouring columns: one curve through the empty gap between them.
        var bend = Math.Max(20, (x2 - x1) / 2);
        return string.Create(CultureInfo.InvariantCulture, $"M {Html.N(x1)} {Html.N(fromY)} C {Html.N(x1 + bend)} {Html.N(fromY)}, {Html.N(x2 - bend)} {Html.N(toY)}, {Html.N(x2)} {Html.N(toY)}");
    }

    /// <summary>Bend into a free lane in the gap after the source's column, run along it, bend out in the gap before the target's.</summary>
    private string Around((int Wave, int Row) from, double fromY, (int Wave, int Row) to, double toY, double x1, double x2)
    {
        var lane = Lane(from, fromY, to, toY);
        var half = columnGap / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"M {Html.N(x1)} {Html.N(fromY)} C {Html.N(x1 + half)} {Html.N(fromY)}, {Html.N(x1 + half)} {Html.N(lane)}, {Html.N(x1 + columnGap)} {Html.N(lane)} L {Html.N(x2 - columnGap)} {Html.N(lane)} C {Html.N(x2 - half)} {Html.N(lane)}, {Html.N(x2 - half)} {Html.N(toY)}, {Html.N(x2)} {Html.N(toY)}");
    }

    private double Lane((int Wave, int Row) from, double fromY, (int Wave, int Row) to, double toY)
    {
        if (Free(from.Row, from.Wave, to.Wave))
        {
            return fromY;
        }

        if (Free(to.Row, from.Wave, to.Wave))
        {
            return toY;
        }

        // The gaps between rows (and the one below the deepest column) are always free.
        var deepest = rowsPerWave.Max();
        return Enumerable.Range(1, deepest).Select(r => Y(r) - rowGap / 2).MinBy(y => Math.Abs(y - fromY) + Math.Abs(y - toY));
    }

    /// <summary>Whether no column strictly between the two waves has a box in <paramref name="row"/>.</summary>
    private bool Free(int row, int fromWave, int toWave) =>
        Enumerable.Range(fromWave + 1, toWave - fromWave - 1).All(w => rowsPerWave[w - 1] <= row);
}
