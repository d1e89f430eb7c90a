"""The Python baseline of bench/serve.sh: the same kind of model as the Quiver run it is compared with (min-max
scaling, then multinomial logistic regression, on pipelines/data/iris.csv), fitted with scikit-learn and served with
the same JSON request and answer as `quiver serve` on POST /v1/models/iris/predict.

    /usr/bin/python3 bench/serve_baseline.py CSV PORT [flask|http.server]

Flask runs its threaded development server (a thread per request, as `flask run`); http.server is the standard
library's ThreadingHTTPServer. Prints "ready PORT" when it listens. Needs Debian's python3-sklearn (and
python3-flask for flask)."""
import csv
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def fit(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    y = np.array([r["species"] for r in rows])
    return make_pipeline(MinMaxScaler(), LogisticRegression(max_iter=1000)).fit(x, y)


def predict(model, body):
    rows = json.loads(body)["rows"]
    x = np.array([[float(r[c]) for c in FEATURES] for r in rows])
    probabilities = model.predict_proba(x)
    classes = [str(c) for c in model.classes_]
    out = []
    for p in probabilities:
        out.append({"prediction": classes[int(p.argmax())],
                    "probabilities": {c: float(v) for c, v in zip(classes, p)}})
    return json.dumps({"model": "iris", "predictions": out}).encode()


def serve_flask(model, port):
    from flask import Flask, Response, request
    import logging
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = Flask("baseline")

    @app.post("/v1/models/iris/predict")
    def handle():
        return Response(predict(model, request.get_data()), mimetype="application/json")

    print("ready", port, flush=True)
    app.run(host="127.0.0.1", port=port, threaded=True)


def serve_stdlib(model, port):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = predict(model, self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print("ready", port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    model = fit(sys.argv[1])
    port = int(sys.argv[2])
    (serve_flask if (sys.argv[3] if len(sys.argv) > 3 else "flask") == "flask" else serve_stdlib)(model, port)
