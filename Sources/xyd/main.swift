print("xyd")
