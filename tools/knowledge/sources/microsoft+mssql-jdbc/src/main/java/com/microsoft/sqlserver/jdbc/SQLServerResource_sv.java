        {"R_connectionTimedOut","Tidsgränsen för anslutningen gick ut: ingen ytterligare information ges"},
        {"R_tcpOpenFailed","{0}. Verifiera anslutningsegenskaperna. Kontrollera att en instans av SQL Server körs på värddatorn som accepterar TCP/IP-anslutningar på porten och att ingen brandvägg blockerar TCP-anslutningar till porten."},
        {"R_noServerResponse","SQL Server returnerade inget svar. Anslutningen har kopplats från."},
        {"R_tcpipConnectionFailed","TCP/IP-anslutningen till värddatorn {0}, port {1} misslyckades. Fel: \"{2}\"."},
