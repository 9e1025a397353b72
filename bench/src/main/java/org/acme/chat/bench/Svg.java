package org.acme.chat.bench;

import java.util.List;
import java.util.Locale;

/**
 * A small hand-written SVG line chart: one panel per fan-out shape, x = delivered copies per second (linear),
 * y = p99 latency in ms (log scale), one line per server. Steps that held (100% delivery, p99 under the limit) are
 * filled dots, the others hollow; a dashed line marks the p99 limit.
 */
final class Svg {

    /** One measured step. */
    record Point(double x, double y, boolean held) {
    }

    /** One server's steps, in the order they ran. */
    record Series(String name, String color, List<Point> points) {
    }

    /** One chart: a title and its series. */
    record Panel(String title, List<Series> series) {
    }

    private static final int WIDTH = 460;
    private static final int HEIGHT = 340;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 40;
    private static final int BOTTOM = 52;

    private Svg() {
    }

    static String render(List<Panel> panels, double limitMs) {
        StringBuilder svg = new StringBuilder();
        int width = WIDTH * Math.max(1, panels.size());
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"11\">\n", width, HEIGHT, width, HEIGHT));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", width, HEIGHT));
        for (int i = 0; i < panels.size(); i++) {
            panel(svg, panels.get(i), i * WIDTH, limitMs);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder svg, Panel panel, int x0, double limitMs) {
        double maxX = 1;
        double minY = limitMs;
        double maxY = limitMs;
        for (Series s : panel.series()) {
            for (Point p : s.points()) {
                maxX = Math.max(maxX, p.x());
                if (p.y() > 0 && !Double.isNaN(p.y())) {
                    minY = Math.min(minY, p.y());
                    maxY = Math.max(maxY, p.y());
                }
            }
        }
        double xTop = niceCeiling(maxX * 1.05);
        double yLow = Math.pow(10, Math.floor(Math.log10(minY)));
        double yHigh = Math.pow(10, Math.ceil(Math.log10(maxY * 1.01)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        int left = x0 + LEFT;
        Axis axis = new Axis(left, TOP, plotW, plotH, xTop, yLow, yHigh);

        svg.append(f("<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>\n", left,
                esc(panel.title())));
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
                left, TOP, plotW, plotH));
        for (int t = 0; t <= 4; t++) {
            double v = xTop * t / 4;
            double px = axis.x(v);
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>\n", px, TOP, px,
                    TOP + plotH));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, TOP + plotH + 15,
                    human(v)));
        }
        for (double v = yLow; v <= yHigh * 1.001; v *= 10) {
            double py = axis.y(v);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n", left, py,
                    left + plotW, py));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", left - 6, py + 4, human(v)));
        }
        double ly = axis.y(limitMs);
        svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#c00\" stroke-dasharray=\"5,4\"/>\n",
                left, ly, left + plotW, ly));
        svg.append(f("<text x=\"%d\" y=\"%.1f\" fill=\"#c00\" text-anchor=\"end\">p99 limit %s ms</text>\n",
                left + plotW - 4, ly - 4, human(limitMs)));
        svg.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">delivered messages/s (copies received)</text>\n",
                left + plotW / 2, HEIGHT - 12));
        svg.append(f("<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "p99 latency, ms (log)</text>\n", x0 + 14, TOP + plotH / 2));
        int legendY = TOP + 14;
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"150\" height=\"%d\" fill=\"white\" fill-opacity=\"0.85\"/>\n",
                left + 4, TOP + 3, 15 * panel.series().size() + 2));
        for (Series s : panel.series()) {
            series(svg, s, axis);
            svg.append(f("<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                    left + 10, legendY - 4, s.color(), left + 18, legendY, esc(s.name())));
            legendY += 15;
        }
    }

    private static void series(StringBuilder svg, Series s, Axis axis) {
        StringBuilder path = new StringBuilder();
        for (Point p : s.points()) {
            if (p.y() > 0 && !Double.isNaN(p.y())) {
                path.append(path.length() == 0 ? "M" : " L").append(f("%.1f,%.1f", axis.x(p.x()), axis.y(p.y())));
            }
        }
        svg.append(f("<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>\n", path, s.color()));
        for (Point p : s.points()) {
            if (p.y() > 0 && !Double.isNaN(p.y())) {
                svg.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"%s\"/>\n",
                        axis.x(p.x()), axis.y(p.y()), p.held() ? s.color() : "white", s.color()));
            }
        }
    }

    /** Maps data to pixels: x linear from 0, y logarithmic. */
    private record Axis(int left, int top, int width, int height, double xTop, double yLow, double yHigh) {

        double x(double v) {
            return left + width * v / xTop;
        }

        double y(double v) {
            double clamped = Math.max(yLow, Math.min(yHigh, v));
            return top + height * (1 - Math.log(clamped / yLow) / Math.log(yHigh / yLow));
        }
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String human(double v) {
        if (v == 0) {
            return "0";
        }
        if (v >= 1_000_000) {
            return f("%.1fM", v / 1_000_000).replace(".0M", "M");
        }
        if (v >= 1_000) {
            return f("%.1fk", v / 1_000).replace(".0k", "k");
        }
        return v >= 1 ? f("%.0f", v) : f("%.2g", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
