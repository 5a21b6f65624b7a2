            Is Streamlit still running? If you accidentally stopped Streamlit,
            just restart it in your terminal:
