package io.agentstore.quality;

/**
 * What {@link QualityFacade#importTestReports} did.
 *
 * @param files           report files read
 * @param runsImported    runs recorded now
 * @param runsAlreadyThere reports imported before (same content): nothing recorded
 * @param testCases       test cases recorded now
 * @param badFiles        files that could not be used: counted, recorded in {@code fact_ingest_error}, skipped
 */
public record TestImportSummary(long files, long runsImported, long runsAlreadyThere, long testCases, long badFiles) {

    @Override
    public String toString() {
        return files + " report file(s): " + runsImported + " new run(s) with " + testCases + " test case(s), "
                + runsAlreadyThere + " already imported, " + badFiles + " bad file(s)";
    }
}
