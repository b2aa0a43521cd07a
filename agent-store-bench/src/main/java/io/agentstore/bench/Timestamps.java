package io.agentstore.bench;

/**
 * Fixed-width ISO-8601 UTC text with microseconds ({@code 2026-10-05T12:34:56.000123Z}), the way a typical
 * SQLite or JSONL log stores time: text that sorts in time order. Written by hand because
 * {@code DateTimeFormatter} would dominate the JSONL and SQLite writers' profile.
 */
final class Timestamps {
    private Timestamps() {}

    static String format(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(days);
        char[] c = new char[27];
        put(c, 0, d.getYear(), 4);
        c[4] = '-';
        put(c, 5, d.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, d.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        put(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, secondOfDay % 60, 2);
        c[19] = '.';
        put(c, 20, fraction, 6);
        c[26] = 'Z';
        return new String(c);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    static long parse(String text) {
        java.time.Instant i = java.time.Instant.parse(text);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }
}
