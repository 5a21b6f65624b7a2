// One small Go program for the capture: lab <mode> <host> <port> [scheme]. Errors are printed the way Go
// programs commonly do (log.Fatal, or fmt.Println + exit 1); nothing is reworded.
package main

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"
)

func main() {
	mode, host, port := os.Args[1], os.Args[2], os.Args[3]
	addr := net.JoinHostPort(host, port)
	switch mode {
	case "http-get":
		scheme := os.Args[4]
		c := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
		resp, err := c.Get(scheme + "://" + addr + "/")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(resp.Status)
	case "dial":
		conn, err := net.DialTimeout("tcp", addr, 3*time.Second)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		conn.SetDeadline(time.Now().Add(3 * time.Second))
		fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
		if _, err := bufio.NewReader(conn).ReadString('\n'); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
	case "listen":
		l, err := net.Listen("tcp", addr)
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		time.Sleep(30 * time.Second)
		l.Close()
	case "http-serve":
		log.Fatal(http.ListenAndServe(addr, nil))
	}
}
