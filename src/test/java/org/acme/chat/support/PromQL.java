package org.acme.chat.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of PromQL to check an expression written by hand (a dashboard's, an alert's) without a Prometheus: its
 * brackets and quotes balance, every function it calls is one PromQL has, and which metric names it reads. Grafana's
 * variables ({@code $namespace}, {@code $__rate_interval}) are taken as values. Label matchers, ranges and the label
 * lists of {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right} name
 * no metric.
 */
public final class PromQL {

    private static final Set<String> FUNCTIONS = Set.of(
            // aggregation operators
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio",
            // functions
            "abs", "absent", "absent_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "day_of_month",
            "day_of_week", "day_of_year", "days_in_month", "delta", "deriv", "exp", "floor", "histogram_quantile",
            "histogram_count", "histogram_sum", "histogram_fraction", "holt_winters", "hour", "idelta", "increase",
            "irate", "label_join", "label_replace", "ln", "log2", "log10", "minute", "month", "predict_linear", "rate",
            "resets", "round", "scalar", "sgn", "sort", "sort_desc", "sqrt", "time", "timestamp", "vector", "year",
            "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "quantile_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    private PromQL() {
    }

    /** What is wrong with {@code expr} (unbalanced brackets, an unterminated string, an unknown function); or empty. */
    public static List<String> problems(String expr) {
        List<String> problems = new ArrayList<>();
        scan(expr, problems, new LinkedHashSet<>());
        return problems;
    }

    /** The metric names {@code expr} reads, in order of appearance. */
    public static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        scan(expr, new ArrayList<>(), names);
        return names;
    }

    private static void scan(String expr, List<String> problems, Set<String> names) {
        Deque<Character> open = new ArrayDeque<>();
        boolean labelList = false; // the next '(' opens a list of labels
        int labelListDepth = -1; // while inside one: the depth of its '('
        int i = 0;
        if (expr.isBlank()) {
            problems.add("empty expression");
        }
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                int end = closingQuote(expr, i);
                if (end < 0) {
                    problems.add("unterminated string at " + i);
                    return;
                }
                i = end + 1;
            } else if (c == '$') {
                i = skipVariable(expr, i + 1);
            } else if (Character.isDigit(c) || c == '.') {
                while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
                    i++; // a number or a duration (5m, 1.5e3)
                }
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int start = i;
                while (i < expr.length() && isNameChar(expr.charAt(i))) {
                    i++;
                }
                String word = expr.substring(start, i);
                boolean inMatcher = !open.isEmpty() && (open.peek() == '{' || open.peek() == '[');
                if (inMatcher || labelListDepth >= 0) {
                    continue; // a label name or a duration unit
                }
                char next = nextNonSpace(expr, i);
                if (LABEL_LISTS.contains(word)) {
                    labelList = next == '(';
                } else if (FUNCTIONS.contains(word)) {
                    continue; // a call, or an aggregation whose by/without comes first: sum by (le) (...)
                } else if (next == '(') {
                    problems.add("unknown function " + word);
                } else if (!KEYWORDS.contains(word.toLowerCase())) {
                    names.add(word);
                }
            } else {
                if ("([{".indexOf(c) >= 0) {
                    open.push(c);
                    if (c == '(' && labelList) {
                        labelListDepth = open.size();
                        labelList = false;
                    }
                } else if (")]}".indexOf(c) >= 0) {
                    char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (open.isEmpty() || open.peek() != expected) {
                        problems.add("unbalanced '" + c + "' at " + i);
                        return;
                    }
                    if (open.size() == labelListDepth) {
                        labelListDepth = -1;
                    }
                    open.pop();
                }
                i++;
            }
        }
        if (!open.isEmpty()) {
            problems.add("unclosed '" + open.peek() + "'");
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static int closingQuote(String expr, int start) {
        char quote = expr.charAt(start);
        for (int i = start + 1; i < expr.length(); i++) {
            if (expr.charAt(i) == '\\' && quote != '`') {
                i++;
            } else if (expr.charAt(i) == quote) {
                return i;
            }
        }
        return -1;
    }

    /** Past a Grafana variable: {@code $name} or {@code ${name}} or {@code ${name:format}}. */
    private static int skipVariable(String expr, int i) {
        if (i < expr.length() && expr.charAt(i) == '{') {
            int end = expr.indexOf('}', i);
            return end < 0 ? expr.length() : end + 1;
        }
        while (i < expr.length() && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static char nextNonSpace(String expr, int i) {
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i < expr.length() ? expr.charAt(i) : 0;
    }
}
