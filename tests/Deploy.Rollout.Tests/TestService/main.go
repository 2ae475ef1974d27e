// A tiny HTTP service for the rollout tests, built static (CGO_ENABLED=0) into a FROM scratch image.
// VERSION is what GET / answers; MODE=ok serves /healthz with 200, MODE=unhealthy with 500,
// MODE=crash prints a line and exits with code 3 at once.
package main

import (
	"fmt"
	"net/http"
	"os"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "check" {
		// The image's HEALTHCHECK: a scratch image has no curl, so the service checks itself.
		response, err := http.Get("http://127.0.0.1:" + os.Getenv("PORT") + "/healthz")
		if err != nil || response.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	version, mode, port := os.Getenv("VERSION"), os.Getenv("MODE"), os.Getenv("PORT")
	fmt.Printf("test service %s starting in mode %s on port %s\n", version, mode, port)
	if mode == "crash" {
		fmt.Println("fatal: configuration missing, giving up")
		os.Exit(3)
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, version)
	})
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if mode == "unhealthy" {
			http.Error(w, "database unreachable", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, "ok")
	})
	if err := http.ListenAndServe("127.0.0.1:"+port, nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
