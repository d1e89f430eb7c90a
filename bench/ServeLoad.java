import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop HTTP load test for bench/serve.sh: CLIENTS threads each send POST requests of ROWS iris rows one
 * after another (a new request when the last is answered) until REQUESTS have been answered in all, after WARMUP
 * unmeasured ones. An answer counts as an error unless it is 200 with one prediction per row. Prints one JSON
 * object: requests, errors, seconds, requests and rows per second, p50/p99/max latency in ms.
 *
 *   java bench/ServeLoad.java URL ROWS CLIENTS REQUESTS WARMUP
 */
public final class ServeLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        String body = body(rows);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        run(http, url, body, rows, clients, warmup, new long[warmup], new AtomicInteger());
        long[] latencies = new long[requests];
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        run(http, url, body, rows, clients, requests, latencies, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
                "{\"rows\": %d, \"clients\": %d, \"requests\": %d, \"errors\": %d, \"seconds\": %.3f,"
                        + " \"rps\": %.1f, \"rows_per_s\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f}%n",
                rows, clients, requests, errors.get(), seconds, requests / seconds, (double) requests * rows / seconds,
                latencies[requests / 2] / 1e6, latencies[(int) Math.ceil(requests * 0.99) - 1] / 1e6,
                latencies[requests - 1] / 1e6);
    }

    private static void run(HttpClient http, String url, String body, int rows, int clients, int total,
            long[] latencies, AtomicInteger errors) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < total; ) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || count(r.body(), "\"prediction\"") != rows) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** ROWS rows cycling through five iris flowers of every species. */
    private static String body(int rows) {
        double[][] flowers = {
            {5.1, 3.5, 1.4, 0.2}, {7.0, 3.2, 4.7, 1.4}, {6.3, 3.3, 6.0, 2.5}, {5.9, 3.0, 5.1, 1.8}, {4.3, 2.0, 1.0, 0.1}
        };
        StringBuilder b = new StringBuilder("{\"rows\": [");
        for (int r = 0; r < rows; r++) {
            double[] f = flowers[r % flowers.length];
            b.append(r == 0 ? "" : ", ")
                    .append(String.format(
                            "{\"sepal_length\": %s, \"sepal_width\": %s, \"petal_length\": %s, \"petal_width\": %s}",
                            f[0], f[1], f[2], f[3]));
        }
        return b.append("]}").toString();
    }
}
