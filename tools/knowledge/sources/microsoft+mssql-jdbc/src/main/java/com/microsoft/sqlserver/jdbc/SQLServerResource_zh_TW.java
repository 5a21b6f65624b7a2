        {"R_connectionTimedOut","連接逾時: 沒有進一步的資訊"},
        {"R_tcpOpenFailed","{0}。確認連接屬性。確認 SQL Server 執行個體是否在主機上執行並接受在通訊埠的 TCP/IP 連接。確認防火牆未封鎖通訊埠的 TCP 連接。"},
        {"R_noServerResponse","SQL Server 未傳回回應。已關閉連接。"},
        {"R_tcpipConnectionFailed","連接到主機 {0} (連接埠 {1}) 的 TCP/IP 連接已經失敗。錯誤: \"{2}\"。"},
