// A tiny HTTP service for the rollout tests, built static (CGO_ENABLED=0) into a FROM scratch image, and run on
// the host as "another process" on a port. VERSION is what GET / answers; it listens on HOST (default 127.0.0.1)
// and PORT. MODE=ok serves /healthz with 200, MODE=unhealthy with 500, MODE=crash prints a line and exits with
// code 3 at once, MODE=once answers the first /healthz, then stops listening and exits with code 0, and
// MODE=aspnet listens where ASP.NET Core does: on ASPNETCORE_HTTP_PORTS (the first of the list), ignoring PORT.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
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
	version, mode, host, port := os.Getenv("VERSION"), os.Getenv("MODE"), os.Getenv("HOST"), os.Getenv("PORT")
	if host == "" {
		host = "127.0.0.1"
	}
	if mode == "aspnet" {
		port = strings.Split(os.Getenv("ASPNETCORE_HTTP_PORTS"), ";")[0]
	}
	fmt.Printf("test service %s starting in mode %s on %s:%s\n", version, mode, host, port)
	if mode == "crash" {
		fmt.Println("fatal: configuration missing, giving up")
		os.Exit(3)
	}
	listener, err := net.Listen("tcp", net.JoinHostPort(host, port))
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
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
		if mode == "once" {
			// Refuse every later connection, send this one whole answer, and die.
			listener.Close()
			w.Header().Set("Content-Length", "2")
			w.Header().Set("Connection", "close")
			fmt.Fprint(w, "ok")
			w.(http.Flusher).Flush()
			fmt.Println("answered one health check, exiting")
			os.Exit(0)
		}
		fmt.Fprint(w, "ok")
	})
	err = http.Serve(listener, nil)
	if mode == "once" {
		// The handler closed the listener and is finishing its answer; it exits the process.
		select {}
	}
	fmt.Println(err)
	os.Exit(1)
}
