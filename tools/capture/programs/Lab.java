// One small Java program for the capture: java Lab <mode> <host> <port> [scheme]. Exceptions are left uncaught,
// so the text is the JVM's own "Exception in thread "main" …" with its stack trace.
import java.io.*;
import java.net.*;
import java.net.http.*;
import java.security.cert.X509Certificate;
import java.sql.DriverManager;
import java.time.Duration;
import javax.net.ssl.*;

public class Lab {
  static SSLContext trustAll() throws Exception {
    TrustManager[] tm = { new X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) {}
      public void checkServerTrusted(X509Certificate[] c, String a) {}
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; } } };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tm, null);
    return ctx;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0], host = args[1];
    int port = Integer.parseInt(args[2]);
    String scheme = args.length > 3 ? args[3] : "http";
    String h = host.contains(":") ? "[" + host + "]" : host;
    switch (mode) {
      case "httpclient": {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(trustAll()).build();
        HttpRequest r = HttpRequest.newBuilder(URI.create(scheme + "://" + h + ":" + port + "/")).timeout(Duration.ofSeconds(3)).build();
        System.out.println(c.send(r, HttpResponse.BodyHandlers.ofString()).statusCode());
        break;
      }
      case "urlconnection": {
        HttpsURLConnection.setDefaultSSLSocketFactory(trustAll().getSocketFactory());
        HttpsURLConnection.setDefaultHostnameVerifier((a, b) -> true);
        HttpURLConnection u = (HttpURLConnection) new URL(scheme + "://" + h + ":" + port + "/").openConnection();
        u.setConnectTimeout(3000);
        u.setReadTimeout(3000);
        System.out.println(u.getResponseCode());
        break;
      }
      case "socket": {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 3000);
        s.setSoTimeout(3000);
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        if (s.getInputStream().read() < 0) throw new EOFException("connection closed by the server before any reply");
        break;
      }
      case "serversocket": {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(host, port));
        Thread.sleep(30000);
        break;
      }
      case "httpserver": {
        com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(host, port), 0).start();
        Thread.sleep(30000);
        break;
      }
      case "jdbc-postgresql": {
        DriverManager.setLoginTimeout(3);
        DriverManager.getConnection("jdbc:postgresql://" + h + ":" + port + "/app?connectTimeout=3&socketTimeout=3", "app", "secret");
        break;
      }
      case "jdbc-mariadb": {
        DriverManager.setLoginTimeout(3);
        DriverManager.getConnection("jdbc:mariadb://" + h + ":" + port + "/app?connectTimeout=3000&socketTimeout=3000", "app", "secret");
        break;
      }
      default: throw new IllegalArgumentException(mode);
    }
  }
}
