def test_home_page_explains_the_platform(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Veilig dansen" in response.get_data(as_text=True)
