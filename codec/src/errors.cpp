#include <stomp/errors.hpp>

namespace stomp {

std::string_view to_string(ParseError e) {
  switch (e) {
    case ParseError::None: return "None";
    case ParseError::UnexpectedEof: return "UnexpectedEof";
    case ParseError::UnknownCommand: return "UnknownCommand";
    case ParseError::CommandNotAllowed: return "CommandNotAllowed";
    case ParseError::BareCarriageReturn: return "BareCarriageReturn";
    case ParseError::MissingColon: return "MissingColon";
    case ParseError::EmptyHeaderName: return "EmptyHeaderName";
    case ParseError::ColonInValue: return "ColonInValue";
    case ParseError::EmptyHeaderValue: return "EmptyHeaderValue";
    case ParseError::NonAsciiOctet: return "NonAsciiOctet";
    case ParseError::UndefinedEscape: return "UndefinedEscape";
    case ParseError::InvalidContentLength: return "InvalidContentLength";
    case ParseError::MissingNul: return "MissingNul";
    case ParseError::BodyNotAllowed: return "BodyNotAllowed";
    case ParseError::TooManyHeaders: return "TooManyHeaders";
    case ParseError::LineTooLong: return "LineTooLong";
    case ParseError::BodyTooLarge: return "BodyTooLarge";
    case ParseError::FrameTooLarge: return "FrameTooLarge";
  }
  return "?";
}

std::string_view rule_of(ParseError e) {
  switch (e) {
    case ParseError::None: return "";
    case ParseError::UnexpectedEof: return "FR-01 (1.2#STOMP_Frames)";
    case ParseError::UnknownCommand: return "FR-04 FR-23 (1.2#Augmented_BNF)";
    case ParseError::CommandNotAllowed: return "FR-24 (1.2#Augmented_BNF)";
    case ParseError::BareCarriageReturn: return "FR-02 (1.2#Augmented_BNF)";
    case ParseError::MissingColon: return "FR-20 (1.2#Augmented_BNF)";
    case ParseError::EmptyHeaderName: return "FR-20 (1.2#Augmented_BNF)";
    case ParseError::ColonInValue: return "FR-21 (1.2#Augmented_BNF)";
    case ParseError::EmptyHeaderValue: return "FR-22 (1.0#augmented-bnf)";
    case ParseError::NonAsciiOctet: return "FR-22 (1.0#augmented-bnf)";
    case ParseError::UndefinedEscape: return "FR-06 (1.2#Value_Encoding)";
    case ParseError::InvalidContentLength: return "FR-14 (1.2#Header_content-length)";
    case ParseError::MissingNul: return "FR-11 FR-14 (1.2#Header_content-length)";
    case ParseError::BodyNotAllowed: return "FR-10 (1.2#Body)";
    case ParseError::TooManyHeaders:
    case ParseError::LineTooLong:
    case ParseError::BodyTooLarge:
    case ParseError::FrameTooLarge: return "FR-19 (1.2#Size_Limits)";
  }
  return "";
}

}  // namespace stomp
